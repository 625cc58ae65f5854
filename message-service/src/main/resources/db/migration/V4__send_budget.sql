-- The send rate limit's window per user (issue #14): the times of the sends admitted within the last send-window,
-- at most send-limit of them. Taken with one conditional upsert, which locks the user's row, so that concurrent
-- sends by one user (on any replica) cannot all read "under the limit" before any of them is written.
CREATE TABLE send_budget (
    user_id UUID          PRIMARY KEY,
    recent  TIMESTAMPTZ[] NOT NULL
);
