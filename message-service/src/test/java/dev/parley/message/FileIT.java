package dev.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.EventTypes;

/** Uploads with progress events, attachments, and who may download. Max file size is 256 KB here. */
class FileIT extends MessageServiceIntegrationTest {

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
    void theWrongTypeAFakeImageOrATooLargeFileIsRefused() {
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
