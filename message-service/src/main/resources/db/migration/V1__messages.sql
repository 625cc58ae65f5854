CREATE TABLE messages (
    id                UUID PRIMARY KEY,
    -- order within a room: sends of one room serialise on the room's lock, so seq order is commit order and a
    -- cursor ("after this message") never skips a message that commits later
    seq               BIGSERIAL   NOT NULL UNIQUE,
    room_id           UUID        NOT NULL,
    user_id           UUID        NOT NULL,
    content           TEXT        NOT NULL,
    type              TEXT        NOT NULL CHECK (type IN ('text', 'image', 'file', 'system')),
    reply_to          UUID REFERENCES messages (id),
    attachments       JSONB       NOT NULL DEFAULT '[]',
    client_message_id TEXT,
    edited_at         TIMESTAMPTZ,
    deleted_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX messages_room_seq_idx ON messages (room_id, seq DESC) WHERE deleted_at IS NULL;
CREATE INDEX messages_user_recent_idx ON messages (user_id, created_at DESC);
-- a retried send (same client_message_id from the same user) finds the original
CREATE UNIQUE INDEX messages_client_id_key ON messages (user_id, client_message_id) WHERE client_message_id IS NOT NULL;

CREATE TABLE message_reactions (
    message_id UUID        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL,
    emoji      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);

-- Uploaded files; posted_in records the rooms where a message attached them (who may download).
CREATE TABLE files (
    id           UUID PRIMARY KEY,
    uploader_id  UUID        NOT NULL,
    filename     TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size         BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE file_rooms (
    file_id UUID NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    room_id UUID NOT NULL,
    PRIMARY KEY (file_id, room_id)
);

-- Projections of event.room: which rooms exist and who may post in them.
CREATE TABLE rooms (
    id        UUID PRIMARY KEY,
    name      TEXT,
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

CREATE INDEX users_username_idx ON users (lower(username));
