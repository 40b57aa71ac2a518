using Npgsql;
using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

/// <summary>
/// The subscription's watermark is sound only if the head it reads is a position an appender has really drawn. A head
/// that runs ahead lets the subscription call positions decided before the transactions that will take them began,
/// and skip their events for good.
/// </summary>
public sealed class SubscriptionHeadTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Drawers = 2;

    [Fact]
    public async Task when_positions_are_drawn_concurrently_the_head_a_subscription_reads_never_goes_backwards()
    {
        await using var store = await TestStore.CreateAsync(database);
        using var stop = new CancellationTokenSource();

        // Every 32 draws nextval writes a WAL record, and while it does, the sequence's tuple holds the value 32 draws
        // ahead. Drawing in bursts makes those moments frequent.
        var drawers = Enumerable.Range(0, Drawers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await using var draw = new NpgsqlCommand(
                "SELECT max(nextval('eventstore.global_position')) FROM generate_series(1, 64)", connection);
            while (!stop.IsCancellationRequested) await draw.ExecuteScalarAsync();
        })).ToArray();

        // Sequences only grow, so a head read that is later followed by a lower one was never a drawn position.
        // The reads run in the server, where millions fit in a few seconds.
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var watch = new NpgsqlCommand(
            $$"""
            DO $$
            DECLARE head bigint; previous bigint := 0; reads bigint := 0; deadline timestamptz := clock_timestamp() + interval '5 seconds';
            BEGIN
                WHILE clock_timestamp() < deadline LOOP
                    head := {{SubscriptionPump.HeadSql}};
                    IF head < previous THEN
                        RAISE EXCEPTION 'head read % and then %, after % reads', previous, head, reads;
                    END IF;
                    previous := head;
                    reads := reads + 1;
                END LOOP;
                IF previous < 10000 THEN
                    RAISE EXCEPTION 'only % positions were drawn while watching: the drawers did not run', previous;
                END IF;
            END $$
            """, connection);
        var watching = async () => await watch.ExecuteNonQueryAsync();

        try
        {
            await watching.Should().NotThrowAsync();
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(drawers);
        }
    }
}
