-- How far the projection of event.room has been applied, per partition: the next offset to apply.
-- Authorisation waits until this reaches the partition's end (ADR 0008).
CREATE TABLE room_stream_position (
    kafka_partition INTEGER PRIMARY KEY,
    next_offset     BIGINT NOT NULL
);
