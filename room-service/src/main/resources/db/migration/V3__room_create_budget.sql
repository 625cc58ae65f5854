-- Rooms created per user per window (issue #14): the times of the user's creations within the window, taken
-- atomically with one conditional upsert (RateWindow).
CREATE TABLE room_create_budget (
    user_id UUID          PRIMARY KEY,
    recent  TIMESTAMPTZ[] NOT NULL
);
