using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class SnapshotStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task when_a_snapshot_is_stored_again_the_newest_replaces_it_and_other_names_keep_theirs()
    {
        await using var store = await TestStore.CreateAsync(database);
        var snapshots = new PostgresSnapshotStore(database.DataSource, TimeProvider.System);

        (await snapshots.GetAsync("router")).Should().BeNull("nothing was stored yet");
        await snapshots.StoreAsync("router", 10, """{"waiting":[1]}""");
        await snapshots.StoreAsync("other", 5, """{"x":true}""");
        await snapshots.StoreAsync("router", 20, """{"waiting":[1,2]}""");

        var router = await snapshots.GetAsync("router");
        router!.Position.Should().Be(20);
        router.State.Should().Be("""{"waiting": [1, 2]}""", "jsonb gives the state back in its normal form");
        (await snapshots.GetAsync("other")).Should().Be(new StoredSnapshot(5, """{"x": true}"""));
    }

    [Fact]
    public async Task when_a_snapshot_is_not_valid_it_is_refused_before_anything_is_stored()
    {
        await using var store = await TestStore.CreateAsync(database);
        var snapshots = new PostgresSnapshotStore(database.DataSource, TimeProvider.System);

        var negative = () => snapshots.StoreAsync("bad", -1, "{}");
        var empty = () => snapshots.StoreAsync("bad", 1, " ");
        var unnamed = () => snapshots.StoreAsync("", 1, "{}");
        var notJson = () => snapshots.StoreAsync("bad", 1, "{not json");

        await negative.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await empty.Should().ThrowAsync<ArgumentException>();
        await unnamed.Should().ThrowAsync<ArgumentException>();
        await notJson.Should().ThrowAsync<Npgsql.PostgresException>().Where(e => e.SqlState == "22P02");
        (await snapshots.GetAsync("bad")).Should().BeNull();
    }
}
