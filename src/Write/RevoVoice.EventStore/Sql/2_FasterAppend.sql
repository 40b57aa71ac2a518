-- Faster append: one UPDATE both locks the stream row and moves its revision (instead of INSERT … ON CONFLICT,
-- SELECT … FOR UPDATE and a second UPDATE: one tuple write less per append, and one statement). Refusals now raise,
-- which rolls the revision move back with the rest of the statement:
--   RV001 wrong expected revision (message = actual revision, -1 for no stream)
--   RV002 idempotent repeat (message = "revision,log_position" of the original append)
--   RV003 some, not all, of the event ids are already in the stream (message = current revision)
-- (The message carries the numbers because Npgsql redacts DETAIL unless "Include Error Detail" is set.)
-- A stream counts as existing when revision >= 0 and it was not soft-deleted after its last event
-- (deleted_before = last revision + 1 at deletion), which the UPDATE's RETURNING can tell without a second read.
CREATE OR REPLACE FUNCTION eventstore.append(
    p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data json[], p_metadata json[],
    p_subjects text[], p_recorded_at timestamptz)
RETURNS TABLE (status int, revision bigint, log_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_count int := coalesce(cardinality(p_ids), 0);
    v_revision bigint;
    v_deleted_before bigint;
    v_exists boolean;
    v_found int;
    v_found_revision bigint;
    v_found_position bigint;
BEGIN
    -- The transaction must own an xid before it draws a position (see SubscriptionPump for why).
    PERFORM pg_current_xact_id();

    UPDATE eventstore.streams s SET revision = s.revision + v_count, deleted = s.deleted AND v_count = 0
     WHERE s.stream_id = p_stream
    RETURNING s.revision - v_count, s.deleted_before INTO v_revision, v_deleted_before;
    IF NOT FOUND THEN
        INSERT INTO eventstore.streams (stream_id, revision) VALUES (p_stream, v_count - 1) ON CONFLICT (stream_id) DO NOTHING;
        IF FOUND THEN
            v_revision := -1;
        ELSE
            UPDATE eventstore.streams s SET revision = s.revision + v_count, deleted = s.deleted AND v_count = 0
             WHERE s.stream_id = p_stream
            RETURNING s.revision - v_count, s.deleted_before INTO v_revision, v_deleted_before;
        END IF;
    END IF;
    v_exists := v_revision >= 0 AND v_revision >= coalesce(v_deleted_before, 0);

    IF v_count > 0 THEN
        SELECT count(*), max(e.stream_revision), max(e.global_position)
          INTO v_found, v_found_revision, v_found_position
          FROM eventstore.events e WHERE e.stream_id = p_stream AND e.event_id = ANY (p_ids);
        IF v_found = v_count THEN
            RAISE EXCEPTION USING ERRCODE = 'RV002', MESSAGE = v_found_revision || ',' || v_found_position;
        ELSIF v_found > 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'RV003', MESSAGE = v_revision::text;
        END IF;
    END IF;

    IF NOT (p_expected = -2
            OR (p_expected = -1 AND NOT v_exists)
            OR (p_expected = -4 AND v_exists)
            OR (p_expected >= 0 AND v_exists AND v_revision = p_expected)) THEN
        RAISE EXCEPTION USING ERRCODE = 'RV001', MESSAGE = (CASE WHEN v_exists THEN v_revision ELSE -1 END)::text;
    END IF;

    IF v_count = 0 THEN
        RETURN QUERY SELECT 0, CASE WHEN v_exists THEN v_revision ELSE -1::bigint END, 0::bigint;
        RETURN;
    END IF;

    INSERT INTO eventstore.events (stream_id, stream_revision, event_id, event_type, data, metadata, data_subject, recorded_at)
    SELECT p_stream, v_revision + u.ord, u.id, u.type, u.data, u.metadata, u.subject, p_recorded_at
      FROM unnest(p_ids, p_types, p_data, p_metadata, p_subjects) WITH ORDINALITY AS u(id, type, data, metadata, subject, ord)
     ORDER BY u.ord;

    RETURN QUERY SELECT 0, v_revision + v_count, currval('eventstore.global_position');
END
$$;
