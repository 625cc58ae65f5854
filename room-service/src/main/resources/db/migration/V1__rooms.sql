CREATE TABLE rooms (
    id          UUID PRIMARY KEY,
    name        TEXT,
    description TEXT,
    type        TEXT        NOT NULL CHECK (type IN ('direct', 'group', 'public', 'broadcast')),
    avatar      TEXT,
    is_public   BOOLEAN     NOT NULL,
    max_members INTEGER,
    created_by  UUID        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX rooms_public_idx ON rooms (created_at DESC) WHERE is_public;

CREATE TABLE room_members (
    room_id      UUID        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id      UUID        NOT NULL,
    role         TEXT        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at    TIMESTAMPTZ NOT NULL,
    -- read position: created_at of the newest message the member has read (event.message.read)
    last_read_at TIMESTAMPTZ,
    last_read_id UUID,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user_idx ON room_members (user_id);

-- THE direct room of two users: one row per pair, whichever of them asked first.
CREATE TABLE direct_rooms (
    user_low  UUID NOT NULL,
    user_high UUID NOT NULL,
    room_id   UUID NOT NULL UNIQUE REFERENCES rooms (id) ON DELETE CASCADE,
    PRIMARY KEY (user_low, user_high),
    CHECK (user_low < user_high)
);

CREATE TABLE invites (
    id           UUID PRIMARY KEY,
    room_id      UUID        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    invitee_id   UUID        NOT NULL,
    inviter_id   UUID        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at   TIMESTAMPTZ NOT NULL,
    responded_at TIMESTAMPTZ
);

CREATE UNIQUE INDEX invites_pending_key ON invites (room_id, invitee_id) WHERE status = 'pending';
CREATE INDEX invites_invitee_idx ON invites (invitee_id) WHERE status = 'pending';

-- Projection of event.user: the public profiles room events carry. Never written by this service's API.
CREATE TABLE users (
    id           UUID PRIMARY KEY,
    username     TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    avatar       TEXT,
    status       TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Projection of event.message: enough of each message for last_message and exact unread counts.
CREATE TABLE room_messages (
    id                  UUID PRIMARY KEY,
    room_id             UUID        NOT NULL,
    author_id           UUID        NOT NULL,
    author_username     TEXT,
    author_display_name TEXT,
    content             TEXT        NOT NULL,
    type                TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    deleted             BOOLEAN     NOT NULL DEFAULT false
);

CREATE INDEX room_messages_room_idx ON room_messages (room_id, created_at DESC) WHERE NOT deleted;
