package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.events.EventEnvelope;
import dev.parley.events.data.MessageData;
import dev.parley.room.chat.TestMessageProjection;
import dev.parley.testinfra.Events;
import dev.parley.testinfra.JsonSchemas;

/** last_message and exact unread counts, kept from event.message. */
class ChatListIT extends RoomServiceIntegrationTest {

    private JsonNode room(Caller c, String roomId) {
        String body = body(get(c, "/api/v1/rooms/{id}", roomId).expectStatus().isOk());
        JsonSchemas.assertMatches("schemas/api/room.schema.json", body);
        return json(body).get("data");
    }

    private long unread(Caller c, String roomId) {
        return room(c, roomId).get("unread_count").asLong();
    }

    private MessageData send(String roomId, Caller author, String text) {
        EventEnvelope e = Events.messageSent(UUID.fromString(roomId), author.who(), text);
        publisher.publish(e);
        return Events.message(e);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void aRunOfSendsIsStoredInOneStatementAndOnlyOnce() {
        Caller alice = caller("alice");
        String roomId = publicRoom(alice);
        // 201 rows: two statements (200 rows each at most), one with a null author name
        java.util.List<MessageData> run = new java.util.ArrayList<>();
        for (int i = 0; i < 201; i++) {
            MessageData m = Events.message(Events.messageSent(UUID.fromString(roomId), alice.who(), "run " + i));
            run.add(i == 7 ? new MessageData(m.id(), m.roomId(), m.userId(), m.content(), m.type(), null,
                    java.util.List.of(), java.util.List.of(), null, null, m.createdAt(), m.updatedAt(), null) : m);
        }
        TestMessageProjection.sentAll(context, run);
        TestMessageProjection.sentAll(context, run.subList(0, 3)); // again: nothing more
        Long stored = db.sql("SELECT count(*) AS c FROM room_messages WHERE room_id = :room")
                .bind("room", UUID.fromString(roomId)).map(r -> r.get("c", Long.class)).one().block();
        assertThat(stored).isEqualTo(201);
        assertThat(room(alice, roomId).get("last_message").get("content").asString()).startsWith("run ");
    }

    @Test
    void unreadCountsFollowSendsDeletesAndReadsAndNeverGoNegative() {
        Caller alice = caller("alice");
        Caller bob = caller("bob");
        String roomId = publicRoom(alice);
        post(bob, "/api/v1/rooms/{id}/join", null, roomId).expectStatus().isOk();

        MessageData m1 = send(roomId, alice, "one");
        MessageData m2 = send(roomId, alice, "two");
        MessageData m3 = send(roomId, alice, "three");
        send(roomId, bob, "bob's own message does not count for bob");
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(bob, roomId) == 3);
        assertThat(unread(alice, roomId)).isEqualTo(1);

        publisher.publish(Events.messageDeleted(m2, alice.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(bob, roomId) == 2);

        publisher.publish(Events.messageRead(m1, bob.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(bob, roomId) == 1);

        EventEnvelope read3 = Events.messageRead(m3, bob.id());
        publisher.publish(read3);
        publisher.publish(read3); // redelivered
        publisher.publish(Events.messageRead(m1, bob.id())); // an older position never moves the read mark back
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(bob, roomId) == 0);

        MessageData m5 = send(roomId, alice, "five");
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(bob, roomId) == 1);
        publisher.publish(Events.messageDeleted(m5, alice.id()));
        publisher.publish(Events.messageDeleted(m5, alice.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> unread(bob, roomId) == 0);
        assertThat(unread(bob, roomId)).isZero();
    }

    @Test
    void aBurstIsAppliedInBatchesAndAnUnreadableRecordAmongItStopsNothing() {
        Caller dan = caller("dan");
        Caller eve = caller("eve");
        String roomId = publicRoom(dan);
        post(eve, "/api/v1/rooms/{id}/join", null, roomId).expectStatus().isOk();
        try (dev.parley.testinfra.KafkaProbe dlt = dev.parley.testinfra.KafkaProbe.open(
                dev.parley.events.Topics.MESSAGE + "-dlt");
                org.apache.kafka.clients.producer.KafkaProducer<String, String> raw =
                        new org.apache.kafka.clients.producer.KafkaProducer<>(java.util.Map.of("bootstrap.servers",
                                dev.parley.testinfra.TestInfra.kafkaBootstrapServers()),
                                new org.apache.kafka.common.serialization.StringSerializer(),
                                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 1; i <= 30; i++) {
                send(roomId, dan, "burst " + i);
            }
            org.apache.kafka.clients.producer.ProducerRecord<String, String> poison =
                    new org.apache.kafka.clients.producer.ProducerRecord<>(dev.parley.events.Topics.MESSAGE, roomId,
                            "{not an envelope");
            poison.headers().add(dev.parley.testinfra.ContractTap.DELIBERATE_FAULT, "poison".getBytes());
            raw.send(poison);
            raw.flush();
            for (int i = 31; i <= 40; i++) {
                send(roomId, dan, "burst " + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> unread(eve, roomId) == 40);
            assertThat(room(eve, roomId).get("last_message").get("content").asString()).isEqualTo("burst 40");
            await().atMost(Duration.ofSeconds(30)).until(() -> !dlt.records().isEmpty());
            assertThat(dlt.records().get(0).value()).isEqualTo("{not an envelope");
        }
    }

    @Test
    void lastMessageFollowsSendEditAndDelete() {
        Caller carol = caller("carol");
        String roomId = publicRoom(carol);
        assertThat(room(carol, roomId).get("last_message").isNull()).isTrue();

        MessageData first = send(roomId, carol, "first");
        MessageData second = send(roomId, carol, "second");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "second".equals(room(carol, roomId).get("last_message").path("content").asString()));
        JsonNode last = room(carol, roomId).get("last_message");
        assertThat(last.get("id").asString()).isEqualTo(second.id().toString());
        assertThat(last.get("user").get("username").asString()).isEqualTo("carol");

        publisher.publish(Events.messageEdited(second, "second, edited"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "second, edited".equals(room(carol, roomId).get("last_message").path("content").asString()));

        publisher.publish(Events.messageDeleted(second, carol.id()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                first.id().toString().equals(room(carol, roomId).get("last_message").path("id").asString()));
    }

    @Test
    void myChatsListsTheCallersRoomsMostRecentActivityFirst() {
        Caller dan = caller("dan");
        String quiet = publicRoom(dan);
        String busy = privateRoom(dan);
        String newest = publicRoom(dan);
        send(busy, dan, "latest activity");
        await().atMost(Duration.ofSeconds(20)).until(() -> !room(dan, busy).get("last_message").isNull());

        String body = body(get(dan, "/api/v1/rooms/my-chats?page=1&limit=2").expectStatus().isOk());
        JsonNode tree = json(body);
        assertThat(tree.get("data").get("rooms").valueStream().map(r -> r.get("id").asString()))
                .containsExactly(busy, newest);
        assertThat(tree.get("pagination").toString()).isEqualTo("{\"page\":1,\"limit\":2,\"total\":3,\"total_pages\":2}");
        String page2 = body(get(dan, "/api/v1/rooms/my-chats?page=2&limit=2").expectStatus().isOk());
        assertThat(json(page2).get("data").get("rooms").get(0).get("id").asString()).isEqualTo(quiet);
    }

    @Test
    void aChatsUpdatedAtIsItsLastActivity() {
        Caller gil = caller("gil");
        String older = publicRoom(gil);
        String newer = publicRoom(gil);
        JsonNode before = room(gil, older);
        assertThat(before.get("updated_at").asString()).isEqualTo(before.get("created_at").asString());

        MessageData sent = send(older, gil, "news");
        await().atMost(Duration.ofSeconds(20)).until(() -> !room(gil, older).get("last_message").isNull());
        JsonNode rooms = json(body(get(gil, "/api/v1/rooms/my-chats").expectStatus().isOk())).get("data").get("rooms");
        JsonNode first = rooms.get(0);
        assertThat(first.get("id").asString()).isEqualTo(older);
        // the last message's created_at, as PostgreSQL keeps it (rounded to the microsecond)
        assertThat(java.time.Instant.parse(first.get("updated_at").asString()))
                .isCloseTo(sent.createdAt(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MICROS));
        assertThat(rooms.get(1).get("id").asString()).isEqualTo(newer);
    }

    @Test
    void publicRoomsCanBeDiscoveredBySearch() {
        Caller eve = caller("eve");
        String tag = "zz" + UUID.randomUUID().toString().substring(0, 6);
        String open = createRoom(eve, java.util.Map.of("name", "Knitting " + tag, "type", "public"));
        createRoom(eve, java.util.Map.of("name", "Secret " + tag, "type", "group", "is_public", false));
        JsonNode found = json(body(get(caller("finder"), "/api/v1/rooms?search={q}", tag).expectStatus().isOk()));
        assertThat(found.get("data").get("rooms").valueStream().map(r -> r.get("id").asString())).containsExactly(open);
        assertThat(found.get("pagination").get("total").asInt()).isEqualTo(1);
    }
}
