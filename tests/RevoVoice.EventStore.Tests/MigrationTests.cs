using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class MigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task when_migrations_run_concurrently_and_again_each_script_is_applied_exactly_once()
    {
        var migrator = new EventStoreMigrator(database.DataSource);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => migrator.MigrateAsync()));
        var again = await migrator.MigrateAsync();

        applied.Sum().Should().Be(7, "seven scripts exist and only one runner applies them");
        applied.Should().Contain(7);
        again.Should().Be(0);
        (await database.DataSource.ScalarAsync<string>("SELECT string_agg(version || '_' || name, ',' ORDER BY version) FROM eventstore.schema_migrations"))
            .Should().Be("1_Schema,2_FasterAppend,3_GroupCommit,4_SetBasedAppend,5_Snapshots,6_AppendOnlyVacuum,7_NotifyAfterCommit");
        (await database.DataSource.ScalarAsync<string>(
                "SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'eventstore'::regnamespace"))
            .Should().Be("append_many,delete_stream", "the append rules live in one function once eventstore.append is dropped");
    }
}
