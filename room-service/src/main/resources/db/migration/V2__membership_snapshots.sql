-- ADR 0010: every membership change also publishes the room's whole membership to the compacted topic
-- room.membership. Rooms that existed before get one snapshot each now (published by the relay like any event),
-- so a gateway that reads only room.membership and a short look-back of event.room knows them too.
INSERT INTO outbox (event_id, topic, record_key, event_type, payload)
SELECT e.id, 'room.membership', r.id::text, 'event.room.membership.snapshot',
       jsonb_build_object(
           'event_id', e.id,
           'type', 'event.room.membership.snapshot',
           'level', 'room',
           'version', 1,
           'occurred_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'producer', 'room-service',
           'actor_id', NULL,
           'room_id', r.id,
           'user_id', NULL,
           'data', jsonb_build_object(
               'room_id', r.id,
               'is_public', r.is_public,
               'deleted', false,
               'members', coalesce((SELECT jsonb_agg(m.user_id ORDER BY m.user_id) FROM room_members m
                                    WHERE m.room_id = r.id), '[]'::jsonb)))::text
FROM rooms r
CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) e
ORDER BY r.created_at;
