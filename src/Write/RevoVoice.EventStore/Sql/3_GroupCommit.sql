-- Group commit: the appends of many concurrent callers, to any streams, in one transaction and one round trip, so
-- they share one commit (one WAL flush) and one statement's overhead instead of paying for both each.
-- This is the only append function: eventstore.append (scripts 1 and 2) is dropped at the end, so the append rules
-- live in one place. A refusal affects its own append only, so nothing here raises: each append moves its stream's
-- revision only when its expectation holds (the expectation is part of the UPDATE's WHERE), and anything else takes
-- the locked slow path, which writes nothing. (A BEGIN … EXCEPTION block per append around the old raising function
-- would do the same with less code, but its subtransaction tripled the cost of an append.)
-- The transaction also wakes the subscriptions (NOTIFY eventstore_events, delivered at commit). A notifying commit
-- holds PostgreSQL's notify lock through its WAL flush, which serialises notifying transactions; with appends grouped
-- into one transaction at a time per process that costs nothing, and it saves a transaction per group.
-- Request i owns the next p_counts[i] entries of the flattened event arrays. expected: -2 any, -1 no stream,
-- -4 stream exists, n >= 0 exact revision. A stream exists when revision >= 0 and it was not soft-deleted after its
-- last event (deleted_before = last revision + 1 at deletion). Statuses:
--   0 appended (revision, log_position of its last event; log_position 0 when nothing was appended)
--   1 wrong expected revision (revision = actual, -1 for no stream)
--   2 idempotent repeat (revision, log_position of the original append)
--   3 some, not all, of the event ids are already in the stream (revision = current)
-- Two concurrent transactions creating the same stream, or appending the same new event ids, can both pass the checks
-- before either commits; a unique index then fails the whole group, and the caller retries each append alone, which
-- sees what the other transaction committed.
CREATE OR REPLACE FUNCTION eventstore.append_many(
    p_streams text[], p_expected bigint[], p_counts int[],
    p_ids uuid[], p_types text[], p_data json[], p_metadata json[], p_subjects text[], p_recorded_at timestamptz)
RETURNS TABLE (request int, status int, revision bigint, log_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_from int := 1;
    v_to int;
    v_stream text;
    v_expected bigint;
    v_count int;
    v_ids uuid[];
    v_revision bigint;
    v_deleted_before bigint;
    v_exists boolean;
    v_found int;
    v_found_revision bigint;
    v_found_position bigint;
    v_appended boolean := false;
BEGIN
    -- The top-level transaction owns an xid before any position is drawn (see SubscriptionPump for why).
    PERFORM pg_current_xact_id();

    FOR i IN 1 .. coalesce(cardinality(p_streams), 0) LOOP
        v_stream := p_streams[i];
        v_expected := p_expected[i];
        v_count := p_counts[i];
        v_to := v_from + v_count - 1;
        v_ids := p_ids[v_from:v_to];
        request := i;
        status := NULL;
        v_found := 0;

        IF v_count > 0 THEN
            SELECT count(*), max(e.stream_revision), max(e.global_position)
              INTO v_found, v_found_revision, v_found_position
              FROM eventstore.events e WHERE e.stream_id = v_stream AND e.event_id = ANY (v_ids);
        END IF;

        -- Fast path: the expectation holds and no id was seen; one UPDATE both checks, locks and moves the revision.
        IF v_found = 0 AND v_count > 0 THEN
            UPDATE eventstore.streams s SET revision = s.revision + v_count, deleted = false
             WHERE s.stream_id = v_stream
               AND (v_expected = -2
                    OR (v_expected = -1 AND NOT (s.revision >= 0 AND s.revision >= coalesce(s.deleted_before, 0)))
                    OR (v_expected = -4 AND s.revision >= 0 AND s.revision >= coalesce(s.deleted_before, 0))
                    OR (v_expected >= 0 AND s.revision = v_expected AND s.revision >= coalesce(s.deleted_before, 0)))
            RETURNING s.revision - v_count INTO v_revision;
            IF FOUND THEN
                status := 0;
            ELSIF v_expected IN (-2, -1) THEN
                INSERT INTO eventstore.streams (stream_id, revision) VALUES (v_stream, v_count - 1) ON CONFLICT (stream_id) DO NOTHING;
                IF FOUND THEN
                    status := 0;
                    v_revision := -1;
                END IF;
            END IF;
        END IF;

        -- Slow path (a refusal, a repeat, an empty append, or a stream created concurrently): decide under the row lock.
        IF status IS NULL THEN
            SELECT s.revision, s.deleted_before INTO v_revision, v_deleted_before
              FROM eventstore.streams s WHERE s.stream_id = v_stream FOR UPDATE;
            v_exists := FOUND AND v_revision >= 0 AND v_revision >= coalesce(v_deleted_before, 0);
            IF v_count > 0 THEN
                SELECT count(*), max(e.stream_revision), max(e.global_position)
                  INTO v_found, v_found_revision, v_found_position
                  FROM eventstore.events e WHERE e.stream_id = v_stream AND e.event_id = ANY (v_ids);
            END IF;

            IF v_found = v_count AND v_count > 0 THEN
                status := 2; revision := v_found_revision; log_position := v_found_position;
            ELSIF v_found > 0 THEN
                status := 3; revision := v_revision; log_position := 0;
            ELSIF NOT (v_expected = -2
                       OR (v_expected = -1 AND NOT v_exists)
                       OR (v_expected = -4 AND v_exists)
                       OR (v_expected >= 0 AND v_exists AND v_revision = v_expected)) THEN
                status := 1; revision := CASE WHEN v_exists THEN v_revision ELSE -1 END; log_position := 0;
            ELSIF v_count = 0 THEN
                status := 0; revision := CASE WHEN v_exists THEN v_revision ELSE -1 END; log_position := 0;
            ELSIF v_revision IS NULL THEN
                INSERT INTO eventstore.streams (stream_id, revision) VALUES (v_stream, v_count - 1);
                status := 0; v_revision := -1;
            ELSE
                UPDATE eventstore.streams s SET revision = s.revision + v_count, deleted = false WHERE s.stream_id = v_stream;
                status := 0;
            END IF;
        END IF;

        IF status = 0 AND v_count > 0 THEN
            INSERT INTO eventstore.events (stream_id, stream_revision, event_id, event_type, data, metadata, data_subject, recorded_at)
            SELECT v_stream, v_revision + u.ord, u.id, u.type, u.data, u.metadata, u.subject, p_recorded_at
              FROM unnest(v_ids, p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to], p_subjects[v_from:v_to])
                   WITH ORDINALITY AS u(id, type, data, metadata, subject, ord)
             ORDER BY u.ord;
            revision := v_revision + v_count;
            log_position := currval('eventstore.global_position');
            v_appended := true;
        END IF;

        RETURN NEXT;
        v_from := v_to + 1;
    END LOOP;

    IF v_appended THEN
        PERFORM pg_notify('eventstore_events', '');
    END IF;
END
$$;

DROP FUNCTION IF EXISTS eventstore.append(text, bigint, uuid[], text[], json[], json[], text[], timestamptz);
