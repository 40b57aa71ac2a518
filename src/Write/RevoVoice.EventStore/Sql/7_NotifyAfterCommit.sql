-- The appends no longer notify the subscriptions inside their transaction; the writer that commits them sends the
-- NOTIFY on its own connection afterwards (CommitNotifier), at most once per interval. Inside the transaction the
-- NOTIFY took PostgreSQL's notify lock, which a committing transaction holds through its WAL flush, and woke every
-- listening subscription once per group commit: under the write benchmark each group's commit woke the router, whose
-- catch-up queries then competed with the next group for the same two cores. Alternated write benchmark runs gave
-- 7-10% more turns/s flat out and less CPU a turn with the NOTIFY taken out (README.md). Otherwise append_many is
-- script 4's, unchanged: same arguments, statuses, locks and paths.
CREATE OR REPLACE FUNCTION eventstore.append_many(
    p_streams text[], p_expected bigint[], p_counts int[],
    p_ids uuid[], p_types text[], p_data json[], p_metadata json[], p_subjects text[], p_recorded_at timestamptz)
RETURNS TABLE (request int, status int, revision bigint, log_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_requests int := coalesce(cardinality(p_streams), 0);
    v_fast int[];
    v_fast_revisions bigint[];
    v_fast_positions bigint[];
    v_fast_index int;
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
    v_id uuid;
    v_id_revision bigint;
    v_id_position bigint;
BEGIN
    -- The top-level transaction owns an xid before any position is drawn (see SubscriptionPump for why).
    PERFORM pg_current_xact_id();

    PERFORM 1 FROM eventstore.streams s WHERE s.stream_id = ANY (p_streams) ORDER BY s.stream_id FOR UPDATE;

    -- Fast path, all at once, for a group of several appends: exact expectation that holds, the stream once in the
    -- group. Events are inserted in request order, so positions follow revisions within each stream. It does not look
    -- the event ids up first (that lookup's plan depends on statistics that lag behind fast-growing streams, and one
    -- such plan read every event of the stream per append): an id already in the stream violates
    -- events_stream_event_id_key, the group fails, and AppendBatcher retries each append alone, which takes the
    -- per-append path below and answers the repeat. A lone append always takes that path.
    IF v_requests > 1 THEN
        WITH requested AS (
            SELECT r.i::int AS i, r.stream, r.expected, r.count, (sum(r.count) OVER (ORDER BY r.i) - r.count)::int AS before
              FROM unnest(p_streams, p_expected, p_counts) WITH ORDINALITY AS r(stream, expected, count, i)
        ), candidate AS (
            SELECT q.* FROM requested q
             WHERE q.expected >= 0 AND q.count > 0
               AND NOT EXISTS (SELECT 1 FROM requested o WHERE o.stream = q.stream AND o.i <> q.i)
        ), moved AS (
            UPDATE eventstore.streams s SET revision = s.revision + c.count, deleted = false
              FROM candidate c
             WHERE s.stream_id = c.stream AND s.revision = c.expected AND s.revision >= coalesce(s.deleted_before, 0)
            RETURNING c.i, c.stream, c.expected, c.count, c.before
        ), inserted AS (
            INSERT INTO eventstore.events (stream_id, stream_revision, event_id, event_type, data, metadata, data_subject, recorded_at)
            SELECT m.stream, m.expected + (k - m.before), p_ids[k], p_types[k], p_data[k], p_metadata[k], p_subjects[k], p_recorded_at
              FROM moved m CROSS JOIN LATERAL generate_series(m.before + 1, m.before + m.count) AS k
             ORDER BY k
            RETURNING stream_id, global_position
        )
        SELECT coalesce(array_agg(m.i), '{}'), array_agg(m.expected + m.count), array_agg(p.last_position)
          INTO v_fast, v_fast_revisions, v_fast_positions
          FROM moved m
          JOIN (SELECT ins.stream_id, max(ins.global_position) AS last_position FROM inserted ins GROUP BY ins.stream_id) p
            ON p.stream_id = m.stream;
    END IF;
    v_fast := coalesce(v_fast, '{}');

    FOR i IN 1 .. v_requests LOOP
        v_count := p_counts[i];
        v_to := v_from + v_count - 1;
        request := i;
        v_fast_index := array_position(v_fast, i);
        IF v_fast_index IS NOT NULL THEN
            status := 0; revision := v_fast_revisions[v_fast_index]; log_position := v_fast_positions[v_fast_index];
            RETURN NEXT;
            v_from := v_to + 1;
            CONTINUE;
        END IF;

        -- Per-append path: decide under the stream row's lock (taken above if the row existed).
        v_stream := p_streams[i];
        v_expected := p_expected[i];
        v_ids := p_ids[v_from:v_to];
        status := NULL;
        v_found := 0;
        v_found_revision := NULL;
        v_found_position := NULL;
        SELECT s.revision, s.deleted_before INTO v_revision, v_deleted_before
          FROM eventstore.streams s WHERE s.stream_id = v_stream FOR UPDATE;
        v_exists := FOUND AND v_revision >= 0 AND v_revision >= coalesce(v_deleted_before, 0);
        -- One unique-index probe per event id (a stream without a row has no events): an `event_id = ANY (…)` query
        -- may be planned as a scan of all the stream's events when statistics still say streams are short.
        IF v_count > 0 AND v_revision IS NOT NULL THEN
            FOREACH v_id IN ARRAY v_ids LOOP
                SELECT e.stream_revision, e.global_position INTO v_id_revision, v_id_position
                  FROM eventstore.events e WHERE e.stream_id = v_stream AND e.event_id = v_id;
                IF FOUND THEN
                    v_found := v_found + 1;
                    v_found_revision := greatest(v_found_revision, v_id_revision);
                    v_found_position := greatest(v_found_position, v_id_position);
                END IF;
            END LOOP;
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
        ELSE
            IF v_revision IS NULL THEN
                -- A new stream: a concurrent creator makes this INSERT fail the group, which is then retried alone.
                INSERT INTO eventstore.streams (stream_id, revision) VALUES (v_stream, v_count - 1);
                v_revision := -1;
            ELSE
                UPDATE eventstore.streams s SET revision = s.revision + v_count, deleted = false WHERE s.stream_id = v_stream;
            END IF;
            INSERT INTO eventstore.events (stream_id, stream_revision, event_id, event_type, data, metadata, data_subject, recorded_at)
            SELECT v_stream, v_revision + u.ord, u.id, u.type, u.data, u.metadata, u.subject, p_recorded_at
              FROM unnest(v_ids, p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to], p_subjects[v_from:v_to])
                   WITH ORDINALITY AS u(id, type, data, metadata, subject, ord)
             ORDER BY u.ord;
            status := 0; revision := v_revision + v_count; log_position := currval('eventstore.global_position');
        END IF;

        RETURN NEXT;
        v_from := v_to + 1;
    END LOOP;
END
$$;
