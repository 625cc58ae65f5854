-- Which messages attached a file (issue #14): a file is served to the members of a room only while a live message
-- of that room attaches it, so deleting the message withdraws the file. Replaces file_rooms (room only).
CREATE TABLE file_messages (
    file_id    UUID NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    message_id UUID NOT NULL,
    room_id    UUID NOT NULL,
    PRIMARY KEY (file_id, message_id)
);

INSERT INTO file_messages (file_id, message_id, room_id)
SELECT f.id, m.id, m.room_id
FROM messages m CROSS JOIN LATERAL jsonb_array_elements(m.attachments) AS a
JOIN files f ON f.id::text = a ->> 'id'
WHERE jsonb_array_length(m.attachments) > 0
ON CONFLICT DO NOTHING;

DROP TABLE file_rooms;

-- the sweep of uploads never attached: files without a message, oldest first
CREATE INDEX files_created_idx ON files (created_at);

-- a user's storage quota: the sum of their uploads
CREATE INDEX files_uploader_idx ON files (uploader_id);
