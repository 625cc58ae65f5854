-- Each room's message stream (send, edit, delete, reaction add/remove) is numbered: seq = previous + 1, in commit
-- order (the room's lock is held from numbering to commit). Gateways resume clients from it (ADR 0009).
CREATE TABLE room_stream_seq (
    room_id  UUID PRIMARY KEY,
    last_seq BIGINT NOT NULL
);

-- The stream's events, retained for the recovery window (parley.messages.stream-retention, default 7 days).
CREATE TABLE room_stream (
    room_id     UUID        NOT NULL,
    seq         BIGINT      NOT NULL,
    event_id    UUID        NOT NULL,
    envelope    TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (room_id, seq)
);

CREATE INDEX room_stream_occurred_idx ON room_stream (occurred_at);

-- the seq of a message's send event: the Message object's seq, and GET .../messages?after_seq=
ALTER TABLE messages ADD COLUMN stream_seq BIGINT;
CREATE INDEX messages_room_stream_seq_idx ON messages (room_id, stream_seq) WHERE deleted_at IS NULL;
