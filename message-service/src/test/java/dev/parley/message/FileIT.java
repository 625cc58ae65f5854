package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;
import dev.parley.message.MessageProperties;

/**
 * Uploads with progress events, attachments, and who may download. Max file size is 256 KB here, each user's quota
 * 1 MB, application/x-sh denied, the sweep runs every second.
 */
class FileIT extends MessageServiceIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    MessageProperties props;
    @Autowired
    DatabaseClient db;

    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    /** A multipart upload as a browser's form sends it: one body with its Content-Length. */
    WebTestClient.ResponseSpec upload(Caller c, byte[] bytes, String filename, MediaType type) {
        String boundary = "parley" + UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body.writeBytes(head);
        body.writeBytes(bytes);
        body.writeBytes(tail);
        return http.post().uri("/api/v1/files").headers(h -> h.setBearerAuth(c.token()))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .bodyValue(body.toByteArray()).exchange();
    }

    @Test
    void anUploadReportsProgressThenCompletionToItsUploader() {
        Caller ann = caller("ann");
        JsonNode file = json(body(upload(ann, png(200_000), "../../etc/photo.png", MediaType.IMAGE_PNG)
                .expectStatus().isCreated())).get("data");
        assertThat(file.get("filename").asString()).isEqualTo("photo.png");
        assertThat(file.get("size").asLong()).isEqualTo(200_000);
        assertThat(file.get("type").asString()).isEqualTo("image");
        assertThat(file.get("mime_type").asString()).isEqualTo("image/png");
        assertThat(file.get("url").asString()).isEqualTo("/api/v1/files/" + file.get("id").asString());

        EventEnvelope complete = awaitEvent(ann.id().toString(), EventTypes.NOTIFICATION_UPLOAD_COMPLETE);
        assertThat(complete.data().get("upload_id").asString()).isEqualTo(file.get("id").asString());
        List<EventEnvelope> progress = events(ann.id().toString(), EventTypes.NOTIFICATION_UPLOAD_PROGRESS);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
        List<Integer> percents = progress.stream().map(e -> e.data().get("progress").asInt()).toList();
        assertThat(percents).isSorted().allMatch(p -> p > 0 && p < 100);
        assertThat(progress.get(0).data().get("filename").asString()).isEqualTo("photo.png");
    }

    @Test
    void attachmentsMustBeYourOwnUploadsAndRoomMembersMayDownloadThem() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        Caller eve = caller("eve");
        UUID room = room("group", ann, bob);
        String fileId = json(body(upload(ann, png(1000), "a.png", MediaType.IMAGE_PNG).expectStatus().isCreated()))
                .get("data").get("id").asString();

        // eve cannot attach ann's file, and nobody but ann may download it yet
        UUID evesRoom = room("group", eve);
        send(eve, Map.of("room_id", evesRoom, "content", "", "type", "image",
                "attachments", List.of(Map.of("id", fileId)))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details[0].field").isEqualTo("attachments[0]");
        http.get().uri("/api/v1/files/{id}", fileId).headers(h -> h.setBearerAuth(bob.token())).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/files/{id}", fileId).headers(h -> h.setBearerAuth(ann.token())).exchange()
                .expectStatus().isOk();

        JsonNode message = json(body(send(ann, Map.of("room_id", room, "content", "", "type", "image",
                "attachments", List.of(Map.of("url", "http://localhost:8080/api/v1/files/" + fileId,
                        "filename", "whatever.exe", "size", 1))))
                .expectStatus().isCreated())).get("data");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("id").asString()).isEqualTo(fileId);
        assertThat(attachment.get("filename").asString()).isEqualTo("a.png");
        assertThat(attachment.get("size").asLong()).isEqualTo(1000);

        byte[] downloaded = http.get().uri("/api/v1/files/{id}", fileId).headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(downloaded).isEqualTo(png(1000));
        http.get().uri("/api/v1/files/{id}", fileId).headers(h -> h.setBearerAuth(eve.token())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anyTypeIsSharedAsADownloadAndOnlyVerifiedImagesInline() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        UUID room = room("group", ann, bob);
        byte[] csv = "name,count\nparley,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode sheet = json(body(upload(ann, csv, "counts.csv", MediaType.parseMediaType("text/csv"))
                .expectStatus().isCreated())).get("data");
        assertThat(sheet.get("type").asString()).isEqualTo("file");
        JsonNode blob = json(body(upload(ann, new byte[] {0, 1, 2, 3}, "data.bin", MediaType.APPLICATION_OCTET_STREAM)
                .expectStatus().isCreated())).get("data");
        JsonNode page = json(body(upload(ann, "<script>alert(1)</script>".getBytes(), "page.html", MediaType.TEXT_HTML)
                .expectStatus().isCreated())).get("data");
        JsonNode photo = json(body(upload(ann, png(500), "p.png", MediaType.IMAGE_PNG).expectStatus().isCreated()))
                .get("data");
        assertThat(photo.get("type").asString()).isEqualTo("image");
        send(ann, Map.of("room_id", room, "content", "files", "type", "file", "attachments", List.of(
                Map.of("id", sheet.get("id").asString()), Map.of("id", blob.get("id").asString()),
                Map.of("id", page.get("id").asString()), Map.of("id", photo.get("id").asString()))))
                .expectStatus().isCreated();

        for (JsonNode download : List.of(sheet, blob, page)) {
            http.get().uri(download.get("url").asString()).headers(h -> h.setBearerAuth(bob.token())).exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("attachment"))
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; sandbox");
        }
        http.get().uri(photo.get("url").asString()).headers(h -> h.setBearerAuth(bob.token())).exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Disposition", v -> assertThat(v).startsWith("inline"));
    }

    @Test
    void aFileIsWithdrawnWithItsMessageAndFromWhoeverLeavesTheRoom() {
        Caller ann = caller("ann");
        Caller bob = caller("bob");
        Caller cid = caller("cid");
        UUID room = room("group", ann, bob, cid);
        String fileId = json(body(upload(ann, png(800), "w.png", MediaType.IMAGE_PNG).expectStatus().isCreated()))
                .get("data").get("id").asString();
        String messageId = json(body(send(ann, Map.of("room_id", room, "content", "", "type", "image",
                "attachments", List.of(Map.of("id", fileId)))).expectStatus().isCreated())).get("data").get("id")
                .asString();
        assertThat(downloadStatus(bob, fileId)).isEqualTo(200);
        assertThat(downloadStatus(cid, fileId)).isEqualTo(200);

        member(EventTypes.ROOM_MEMBER_REMOVE, room, cid, "member", "group");
        await().atMost(Duration.ofSeconds(20)).until(() -> downloadStatus(cid, fileId) == 404);
        assertThat(downloadStatus(bob, fileId)).isEqualTo(200);

        http.delete().uri("/api/v1/messages/{id}", messageId).headers(h -> h.setBearerAuth(ann.token())).exchange()
                .expectStatus().isOk();
        assertThat(downloadStatus(bob, fileId)).isEqualTo(404);
        assertThat(downloadStatus(ann, fileId)).isEqualTo(200); // the uploader's own file
    }

    int downloadStatus(Caller c, String fileId) {
        return http.get().uri("/api/v1/files/{id}", fileId).headers(h -> h.setBearerAuth(c.token())).exchange()
                .returnResult(byte[].class).getStatus().value();
    }

    @Test
    void aLengthOverTheLimitIsRefusedBeforeItsBodyIsSent() throws Exception {
        Caller ann = caller("ann");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            // the headers only: a 50 MB body is announced and never sent; the answer must not wait for it
            out.write(("POST /api/v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ann.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 52428800\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413 ");
        }
    }

    @Test
    void aRefusedOrAbandonedUploadLeavesNoPartialFile() throws Exception {
        Caller ann = caller("ann");
        // over the limit without a declared length (chunked): refused while streaming
        http.post().uri("/api/v1/files").headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData("file", new org.springframework.core.io.ByteArrayResource(
                        png(400_000)) {
                    @Override
                    public String getFilename() {
                        return "big.png";
                    }
                })).exchange().expectStatus().isEqualTo(413);
        // abandoned: half of a body, then the connection goes away
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ann.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 200000\r\n\r\n"
                    + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"gone.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(png(100_000));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> partials().length > 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> partials().length == 0);
    }

    @Test
    void staleLeftoversAndUploadsNoMessageAttachedAreSwept() throws Exception {
        Caller ann = caller("ann");
        UUID room = room("group", ann);
        String unattached = json(body(upload(ann, png(600), "u.png", MediaType.IMAGE_PNG).expectStatus().isCreated()))
                .get("data").get("id").asString();
        String attached = json(body(upload(ann, png(700), "a.png", MediaType.IMAGE_PNG).expectStatus().isCreated()))
                .get("data").get("id").asString();
        send(ann, Map.of("room_id", room, "content", "", "type", "image", "attachments", List.of(Map.of("id", attached))))
                .expectStatus().isCreated();
        java.nio.file.Path crashLeftover = props.filesDir().resolve(UUID.randomUUID() + ".part");
        java.nio.file.Files.write(crashLeftover, new byte[100]);
        java.nio.file.Files.setLastModifiedTime(crashLeftover,
                java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        // both uploads are older than unattached-upload-ttl (24 h) now
        db.sql("UPDATE files SET created_at = created_at - interval '25 hours' WHERE id IN (:a, :b)")
                .bind("a", UUID.fromString(unattached)).bind("b", UUID.fromString(attached)).fetch().rowsUpdated()
                .block();

        await().atMost(Duration.ofSeconds(20)).until(() -> !java.nio.file.Files.exists(crashLeftover)
                && downloadStatus(ann, unattached) == 404);
        assertThat(java.nio.file.Files.exists(props.filesDir().resolve(unattached))).isFalse();
        assertThat(downloadStatus(ann, attached)).isEqualTo(200);
    }

    @Test
    void eachUserHasAStorageQuota() {
        Caller ann = caller("ann");
        for (int i = 0; i < 4; i++) {
            upload(ann, png(250_000), "q" + i + ".png", MediaType.IMAGE_PNG).expectStatus().isCreated();
        }
        upload(ann, png(100_000), "over.png", MediaType.IMAGE_PNG).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.message").isEqualTo("Storage quota exceeded");
        upload(caller("bob"), png(100_000), "b.png", MediaType.IMAGE_PNG).expectStatus().isCreated();
    }

    java.io.File[] partials() {
        java.io.File[] found = props.filesDir().toFile().listFiles((d, n) -> n.endsWith(".part"));
        return found == null ? new java.io.File[0] : found;
    }

    @Test
    void aDeniedTypeAFakeImageOrATooLargeFileIsRefused() {
        Caller ann = caller("ann");
        upload(ann, "#!/bin/sh".getBytes(), "x.sh", MediaType.parseMediaType("application/x-sh"))
                .expectStatus().isEqualTo(415).expectBody().jsonPath("$.error.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        upload(ann, "not a png at all".getBytes(), "fake.png", MediaType.IMAGE_PNG).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.details[0].field").isEqualTo("file");
        upload(ann, png(300_000), "big.png", MediaType.IMAGE_PNG).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error.code").isEqualTo("PAYLOAD_TOO_LARGE");
        http.post().uri("/api/v1/files").headers(h -> h.setBearerAuth(ann.token()))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData("other", "value")).exchange().expectStatus().isBadRequest();
    }
}
