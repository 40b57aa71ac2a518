-- A reactor's or read model's in-memory state saved at a log position, beside the checkpoints: it restarts from its
-- snapshot and reads only the events after it, instead of folding the whole log again.
CREATE TABLE IF NOT EXISTS eventstore.snapshots (
    name        text PRIMARY KEY,
    position    bigint NOT NULL,
    state       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL
);
