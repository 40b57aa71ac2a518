using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class EventLogVacuumTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task when_the_schema_is_migrated_the_event_log_is_vacuumed_in_small_slow_steps()
    {
        await new EventStoreMigrator(database.DataSource).MigrateAsync();

        (await database.DataSource.ScalarAsync<string>(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'eventstore.events'::regclass"))
            .Should().Be("autovacuum_vacuum_insert_scale_factor=0,autovacuum_vacuum_insert_threshold=100000,autovacuum_vacuum_cost_delay=20",
                "an append-only log is vacuumed every 100,000 events, not every fifth of its size, and slowly enough not to hold up commits");
    }
}
