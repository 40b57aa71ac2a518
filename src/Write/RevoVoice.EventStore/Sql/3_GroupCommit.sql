-- Group commit: the appends of many concurrent callers, to any streams, in one transaction and one round trip, so
-- they share one commit (one WAL flush) and one statement's overhead instead of paying for both each.
-- Each request runs eventstore.append in its own subtransaction (the BEGIN … EXCEPTION block): a refusal rolls back
-- that request only and comes back as its status, the others commit. The caller keeps batches at 64 requests or
-- fewer, the subtransactions PostgreSQL tracks per backend before snapshots overflow to pg_subtrans.
-- The transaction also wakes the subscriptions (NOTIFY eventstore_events, delivered at commit). A notifying commit
-- holds PostgreSQL's notify lock through its WAL flush, which serialises notifying transactions; with appends grouped
-- into one transaction at a time per process that costs nothing, and it saves a transaction per group.
-- Request i owns the next p_counts[i] entries of the flattened event arrays. Statuses:
--   0 appended (revision, log_position of its last event)
--   1 wrong expected revision (revision = actual, -1 for no stream)
--   2 idempotent repeat (revision, log_position of the original append)
--   3 some, not all, of the event ids are already in the stream (revision = current)
CREATE OR REPLACE FUNCTION eventstore.append_many(
    p_streams text[], p_expected bigint[], p_counts int[],
    p_ids uuid[], p_types text[], p_data json[], p_metadata json[], p_subjects text[], p_recorded_at timestamptz)
RETURNS TABLE (request int, status int, revision bigint, log_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_from int := 1;
    v_to int;
    v_appended boolean := false;
BEGIN
    -- The top-level transaction owns an xid before any position is drawn (see SubscriptionPump for why).
    PERFORM pg_current_xact_id();

    FOR i IN 1 .. coalesce(cardinality(p_streams), 0) LOOP
        v_to := v_from + p_counts[i] - 1;
        request := i;
        BEGIN
            SELECT a.status, a.revision, a.log_position INTO status, revision, log_position
              FROM eventstore.append(p_streams[i], p_expected[i], p_ids[v_from:v_to], p_types[v_from:v_to],
                                     p_data[v_from:v_to], p_metadata[v_from:v_to], p_subjects[v_from:v_to], p_recorded_at) a;
        EXCEPTION
            WHEN SQLSTATE 'RV001' THEN
                status := 1; revision := SQLERRM::bigint; log_position := 0;
            WHEN SQLSTATE 'RV002' THEN
                status := 2; revision := split_part(SQLERRM, ',', 1)::bigint; log_position := split_part(SQLERRM, ',', 2)::bigint;
            WHEN SQLSTATE 'RV003' THEN
                status := 3; revision := SQLERRM::bigint; log_position := 0;
        END;
        v_appended := v_appended OR (status = 0 AND p_counts[i] > 0);
        RETURN NEXT;
        v_from := v_to + 1;
    END LOOP;

    IF v_appended THEN
        PERFORM pg_notify('eventstore_events', '');
    END IF;
END
$$;
