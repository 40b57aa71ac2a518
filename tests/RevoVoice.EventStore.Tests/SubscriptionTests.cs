using System.Diagnostics;
using Npgsql;
using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class SubscriptionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Writers = 8, EventsPerWriter = 5_000;

    [Fact]
    public async Task when_concurrent_transactions_commit_out_of_order_or_roll_back_a_live_subscriber_gets_every_committed_event_once_in_order()
    {
        await using var store = await TestStore.CreateAsync(database);
        var head = await HeadAsync(store);
        var committed = new System.Collections.Concurrent.ConcurrentDictionary<Guid, byte>();
        var rolledBack = new System.Collections.Concurrent.ConcurrentDictionary<Guid, byte>();
        var received = new List<ResolvedEvent>();
        var receivedCount = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var subscriber = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in store.SubscribeToAllAsync(head, SubscriptionFilter.ForEventTypes("torture-event.v1"), stop.Token))
                {
                    received.Add(e);
                    Interlocked.Increment(ref receivedCount);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(store, w, committed, rolledBack))));
        var writing = clock.Elapsed;

        while (Volatile.Read(ref receivedCount) < committed.Count && !stop.IsCancellationRequested)
            await Task.Delay(20);
        var caughtUp = clock.Elapsed;
        await Task.Delay(300); // anything delivered twice would show up now
        await stop.CancelAsync();
        await subscriber;

        committed.Count.Should().Be(Writers * EventsPerWriter);
        rolledBack.Should().NotBeEmpty();
        received.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each event exactly once, in global order");
        received.Count.Should().Be(committed.Count, await DescribeMissingAsync(received, committed.Keys, caughtUp - writing));
        // Set comparison, not BeEquivalentTo: FluentAssertions matches collections pairwise (quadratic on 40,000 ids).
        received.Select(e => e.EventId).ToHashSet().SetEquals(committed.Keys).Should().BeTrue("exactly the committed events arrive");
        received.Any(e => rolledBack.ContainsKey(e.EventId)).Should().BeFalse("rolled-back events never arrive");
        var stored = await database.DataSource.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.events WHERE event_type = 'torture-event.v1'");
        stored.Should().Be(committed.Count);
        caughtUp.Should().BeLessThan(writing + TimeSpan.FromSeconds(30), "the live subscription keeps up with the writers");
    }

    /// <summary>
    /// Tells a skip from a stall: a missing event below the last delivered position was skipped (the subscription moved
    /// past it); missing events only above it mean delivery stopped (e.g. a transaction elsewhere held the snapshot
    /// xmin back), which the server's running transactions at that moment explain.
    /// </summary>
    private async Task<string> DescribeMissingAsync(List<ResolvedEvent> received, ICollection<Guid> committed, TimeSpan waited)
    {
        var missing = committed.Except(received.Select(e => e.EventId)).ToArray();
        if (missing.Length == 0) return "";
        var positions = new List<long>();
        await using (var command = database.DataSource.CreateCommand(
            "SELECT global_position FROM eventstore.events WHERE event_id = ANY($1) ORDER BY 1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = missing });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) positions.Add(reader.GetInt64(0));
        }
        var lastDelivered = received.Count > 0 ? received[^1].Position : -1;
        var skipped = positions.Count(p => p < lastDelivered);
        var running = await database.DataSource.ScalarAsync<string>(
            "SELECT coalesce(string_agg(format('%s/%s/%s xid=%s age=%s', pid, datname, application_name, backend_xid, now() - xact_start), '; '), 'none') " +
            "FROM pg_stat_activity WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL");
        return $"{missing.Length} committed events missing at positions {string.Join(',', positions.Take(20))}; last delivered " +
               $"position {lastDelivered}; {skipped} of them below it (skipped), the rest after it (stalled, waited {waited}); " +
               $"transactions running now: {running}";
    }

    private async Task WriteAsync(PostgresEventStore store, int writer, System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> committed,
        System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> rolledBack)
    {
        var random = new Random(writer * 7919);
        var done = 0;
        var sequence = 0;
        while (done < EventsPerWriter)
        {
            var size = Math.Min(random.Next(1, 25), EventsPerWriter - done);
            var events = Enumerable.Range(0, size).Select(_ => EventData.Create(new TortureEvent(writer, sequence++))).ToList();
            var stream = $"torture-{writer}-{random.Next(5)}";
            var mode = random.Next(20);
            if (mode < 15)
            {
                await store.AppendAsync(stream, ExpectedRevision.Any, events);
                foreach (var e in events) committed[e.EventId] = 0;
                done += size;
            }
            else
            {
                // A transaction held open while others (with later positions) commit, then committed or rolled back.
                var commit = mode < 18;
                await using var connection = await database.DataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await RawAppend.AppendAsync(connection, transaction, stream, events
                    .Select(e => (e.EventId, "torture-event.v1", $$"""{"writer":{{((TortureEvent)e.Event).Writer}},"sequence":{{((TortureEvent)e.Event).Sequence}}}"""))
                    .ToList());
                await Task.Delay(random.Next(2, 40));
                if (commit)
                {
                    await transaction.CommitAsync();
                    foreach (var e in events) committed[e.EventId] = 0;
                    done += size;
                }
                else
                {
                    await transaction.RollbackAsync();
                    foreach (var e in events) rolledBack[e.EventId] = 0;
                }
            }
        }
    }

    private static async Task<long> HeadAsync(IEventStore store) =>
        (await store.ReadAllAsync(Direction.Backwards, LogPosition.End, 1).ToListAsync()).FirstOrDefault()?.Position ?? 0;
}
