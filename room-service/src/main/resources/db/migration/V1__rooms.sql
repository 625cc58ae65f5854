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
    room_id   UUID        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id   UUID        NOT NULL,
    role      TEXT        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user_idx ON room_members (user_id);

-- Projection of event.user: the public profiles room events carry. Never written by this service's API.
CREATE TABLE users (
    id           UUID PRIMARY KEY,
    username     TEXT        NOT NULL,
    display_name TEXT        NOT NULL,
    avatar       TEXT,
    status       TEXT        NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
