CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      TEXT        NOT NULL,
    email         TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    display_name  TEXT        NOT NULL,
    avatar        TEXT,
    -- the status the user chose (online, away, busy, offline = appear offline)
    status        TEXT        NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'away', 'busy', 'offline')),
    -- whether a gateway holds at least one socket of the user (event.user.online/offline)
    connected     BOOLEAN     NOT NULL DEFAULT false,
    -- occurred_at of the last presence event applied (older ones are ignored)
    presence_at   TIMESTAMPTZ,
    last_seen     TIMESTAMPTZ,
    is_verified   BOOLEAN     NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_username_prefix_idx ON users (lower(username) text_pattern_ops);
