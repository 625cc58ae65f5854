-- A refresh-token family is one login session; rotation keeps the family, reuse revokes it (RFC 9700).
CREATE TABLE refresh_families (
    id            UUID PRIMARY KEY,
    user_id       UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    revoke_reason TEXT
);

CREATE INDEX refresh_families_user_idx ON refresh_families (user_id);

-- Refresh tokens are stored as SHA-256 hashes only.
CREATE TABLE refresh_tokens (
    id         UUID PRIMARY KEY,
    family_id  UUID        NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
    token_hash BYTEA       NOT NULL UNIQUE,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Failed logins per account ("account:<username>") and per client address ("address:<ip>").
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,
    failures     INTEGER     NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    lockouts     INTEGER     NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ
);

-- Presence: one row per user and gateway instance (event.user.online/offline). A user is connected while any
-- row is; the rows of an instance whose heartbeats stop are switched off by the sweeper.
CREATE TABLE presence_sessions (
    user_id     UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    instance_id TEXT        NOT NULL,
    connected   BOOLEAN     NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, instance_id)
);

CREATE INDEX presence_sessions_instance_idx ON presence_sessions (instance_id) WHERE connected;

CREATE TABLE gateway_instances (
    instance_id TEXT PRIMARY KEY,
    last_seen   TIMESTAMPTZ NOT NULL
);
