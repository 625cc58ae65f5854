-- Sign-ups per client address per window (issue #14): the times of the address's sign-ups within the window, taken
-- atomically with one conditional upsert (RateWindow) before the password is hashed.
CREATE TABLE signup_budget (
    address TEXT          PRIMARY KEY,
    recent  TIMESTAMPTZ[] NOT NULL
);
