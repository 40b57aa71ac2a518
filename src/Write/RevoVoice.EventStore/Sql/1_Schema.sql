-- Event store schema. Migrations are applied in order by EventStoreMigrator, each once, inside one transaction
-- under an advisory lock; statements are idempotent anyway so a half-applied database can be repaired by re-running.

CREATE SCHEMA IF NOT EXISTS eventstore;

-- CACHE 1 matters: positions must be drawn in the order transactions ask for them, which the subscription
-- watermark (SubscriptionPump) relies on.
CREATE SEQUENCE IF NOT EXISTS eventstore.global_position AS bigint START 1 CACHE 1;

CREATE TABLE IF NOT EXISTS eventstore.streams (
    stream_id        text PRIMARY KEY,
    revision         bigint NOT NULL DEFAULT -1,   -- last event's revision; -1 = no events yet
    deleted          boolean NOT NULL DEFAULT false,
    deleted_before   bigint,                       -- soft delete hides revisions below this, even after re-creation
    max_age          interval,
    max_count        bigint,
    truncate_before  bigint
);

-- data and metadata are `json`, not `jsonb`: the stored text stays byte-for-byte what was appended, which audit
-- hash chains and crypto-shredding ("the stored bytes never change") depend on.
CREATE TABLE IF NOT EXISTS eventstore.events (
    global_position  bigint PRIMARY KEY DEFAULT nextval('eventstore.global_position'),
    stream_id        text NOT NULL,
    stream_revision  bigint NOT NULL,
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    category         text NOT NULL GENERATED ALWAYS AS (split_part(stream_id, '-', 1)) STORED,
    data             json NOT NULL,
    metadata         json NOT NULL,
    data_subject     text,
    recorded_at      timestamptz NOT NULL,
    CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
    CONSTRAINT events_stream_event_id_key UNIQUE (stream_id, event_id)
);
ALTER SEQUENCE eventstore.global_position OWNED BY eventstore.events.global_position;

CREATE INDEX IF NOT EXISTS events_category_position ON eventstore.events (category, global_position);

-- One AES-256-GCM key per data subject; forgetting sets key to NULL (the event rows are never touched).
CREATE TABLE IF NOT EXISTS eventstore.subject_keys (
    data_subject  text PRIMARY KEY,
    key           bytea,
    created_at    timestamptz NOT NULL,
    forgotten_at  timestamptz
);

CREATE TABLE IF NOT EXISTS eventstore.checkpoints (
    subscription_name  text PRIMARY KEY,
    position           bigint NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- Appends a batch atomically in one round trip. status: 0 appended, 1 wrong expected revision (revision = actual,
-- -1 for no stream), 2 idempotent repeat (revision/log_position of the original), 3 some ids already present.
-- expected: -2 any, -1 no stream, -4 stream exists, n >= 0 exact revision.
CREATE OR REPLACE FUNCTION eventstore.append(
    p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data json[], p_metadata json[],
    p_subjects text[], p_recorded_at timestamptz)
RETURNS TABLE (status int, revision bigint, log_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_revision bigint;
    v_deleted boolean;
    v_exists boolean;
    v_count int := coalesce(cardinality(p_ids), 0);
    v_found int;
    v_found_revision bigint;
    v_found_position bigint;
BEGIN
    -- The transaction must own an xid before it draws a position: the subscription watermark proves "every
    -- position up to H is decided" by waiting for all xids assigned before H was read (see SubscriptionPump).
    PERFORM pg_current_xact_id();

    INSERT INTO eventstore.streams (stream_id) VALUES (p_stream) ON CONFLICT (stream_id) DO NOTHING;
    SELECT s.revision, s.deleted INTO v_revision, v_deleted
      FROM eventstore.streams s WHERE s.stream_id = p_stream FOR UPDATE;
    v_exists := v_revision >= 0 AND NOT v_deleted;

    IF v_count > 0 THEN
        SELECT count(*), max(e.stream_revision), max(e.global_position)
          INTO v_found, v_found_revision, v_found_position
          FROM eventstore.events e WHERE e.stream_id = p_stream AND e.event_id = ANY (p_ids);
        IF v_found = v_count THEN
            RETURN QUERY SELECT 2, v_found_revision, v_found_position;
            RETURN;
        ELSIF v_found > 0 THEN
            RETURN QUERY SELECT 3, v_revision, NULL::bigint;
            RETURN;
        END IF;
    END IF;

    IF NOT (p_expected = -2
            OR (p_expected = -1 AND NOT v_exists)
            OR (p_expected = -4 AND v_exists)
            OR (p_expected >= 0 AND v_exists AND v_revision = p_expected)) THEN
        RETURN QUERY SELECT 1, CASE WHEN v_exists THEN v_revision ELSE -1::bigint END, NULL::bigint;
        RETURN;
    END IF;

    IF v_count = 0 THEN
        RETURN QUERY SELECT 0, CASE WHEN v_exists THEN v_revision ELSE -1::bigint END, 0::bigint;
        RETURN;
    END IF;

    INSERT INTO eventstore.events (stream_id, stream_revision, event_id, event_type, data, metadata, data_subject, recorded_at)
    SELECT p_stream, v_revision + u.ord, u.id, u.type, u.data, u.metadata, u.subject, p_recorded_at
      FROM unnest(p_ids, p_types, p_data, p_metadata, p_subjects) WITH ORDINALITY AS u(id, type, data, metadata, subject, ord)
     ORDER BY u.ord;

    UPDATE eventstore.streams SET revision = v_revision + v_count, deleted = false WHERE stream_id = p_stream;

    RETURN QUERY SELECT 0, v_revision + v_count, currval('eventstore.global_position');
END
$$;

-- Soft delete: hides the stream's events from stream and category reads (deleted_before past the end);
-- a later append continues the revisions. status: 0 done, 1 wrong expected revision (revision = actual or -1).
CREATE OR REPLACE FUNCTION eventstore.delete_stream(p_stream text, p_expected bigint)
RETURNS TABLE (status int, revision bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_revision bigint;
    v_deleted boolean;
    v_exists boolean;
BEGIN
    SELECT s.revision, s.deleted INTO v_revision, v_deleted
      FROM eventstore.streams s WHERE s.stream_id = p_stream FOR UPDATE;
    v_exists := FOUND AND v_revision >= 0 AND NOT v_deleted;

    IF NOT (p_expected = -2
            OR (p_expected = -1 AND NOT v_exists)
            OR (p_expected = -4 AND v_exists)
            OR (p_expected >= 0 AND v_exists AND v_revision = p_expected)) THEN
        RETURN QUERY SELECT 1, CASE WHEN v_exists THEN v_revision ELSE -1::bigint END;
        RETURN;
    END IF;

    IF v_exists THEN
        UPDATE eventstore.streams SET deleted = true, deleted_before = v_revision + 1 WHERE stream_id = p_stream;
    END IF;
    RETURN QUERY SELECT 0, CASE WHEN v_exists THEN v_revision ELSE -1::bigint END;
END
$$;
