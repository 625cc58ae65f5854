CREATE TABLE messages (
    id          UUID PRIMARY KEY,
    seq         BIGSERIAL   NOT NULL UNIQUE,
    room_id     UUID        NOT NULL,
    user_id     UUID        NOT NULL,
    content     TEXT        NOT NULL,
    type        TEXT        NOT NULL CHECK (type IN ('text', 'image', 'file', 'system')),
    reply_to    UUID REFERENCES messages (id),
    attachments JSONB       NOT NULL DEFAULT '[]',
    edited_at   TIMESTAMPTZ,
    deleted_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- history pages: newest first within a room
CREATE INDEX messages_room_seq_idx ON messages (room_id, seq DESC) WHERE deleted_at IS NULL;

-- Projections of event.room: which rooms exist and who may post in them.
CREATE TABLE rooms (
    id        UUID PRIMARY KEY,
    type      TEXT    NOT NULL,
    is_public BOOLEAN NOT NULL,
    deleted   BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE room_members (
    room_id UUID NOT NULL,
    user_id UUID NOT NULL,
    role    TEXT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user_idx ON room_members (user_id);

-- Projection of event.user (and of member profiles in room events): the author's `user` object.
CREATE TABLE users (
    id           UUID PRIMARY KEY,
    username     TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    avatar       TEXT,
    updated_at   TIMESTAMPTZ NOT NULL
);
