-- Autovacuum for an append-only log. Rows of eventstore.events are never updated, so vacuum's work there is marking new
-- pages all-visible (later, frozen), which writes each new page once more. By default it waits until a fifth of the
-- table is new and then runs flat out: on the 2-core write benchmark a minute of turns meant ~200 MB rewritten in 7 s,
-- and on a table of 100 million events it would mean gigabytes at once. Here it starts on every 100,000 new events
-- whatever the table's size, and runs (with the analyze that follows it) at a tenth of the default speed: cost delay
-- 20 ms instead of 2 ms, about 3.5 MB/s of pages, which keeps up with ~2,000 turns/s; a longer peak leaves it behind
-- until traffic drops. Its writes then trickle out beside the commits instead of arriving in one burst they wait behind.
ALTER TABLE eventstore.events SET (
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 100000,
    autovacuum_vacuum_cost_delay = 20);
