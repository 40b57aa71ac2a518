using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

/// <summary>Concurrent appends share transactions (group commit) without sharing each other's fate.</summary>
public sealed class GroupCommitTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Appends = 256;

    [Fact]
    public async Task when_many_appends_arrive_at_once_each_gets_its_own_answer_while_they_share_commits()
    {
        await using var store = await TestStore.CreateAsync(database, new EventStoreOptions { AppendWriters = 2 });
        // A quarter of the appends repeat an append already made (idempotent), a quarter expect a revision their
        // stream does not have, the rest append to fresh streams or to one shared stream.
        var repeated = Enumerable.Range(0, Appends / 4).Select(i => TestStore.Note($"rep{i}", "first")).ToArray();
        var originals = new AppendResult[repeated.Length];
        for (var i = 0; i < repeated.Length; i++)
            originals[i] = await store.AppendAsync($"call-repeat{i}", ExpectedRevision.NoStream, [repeated[i]]);

        using var start = new SemaphoreSlim(0);
        var appends = Enumerable.Range(0, Appends).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await AttemptAsync(store, i, repeated);
        })).ToList();
        start.Release(Appends);
        var answers = await Task.WhenAll(appends);

        for (var i = 0; i < Appends; i++)
        {
            switch (i % 4)
            {
                case 0: answers[i].Should().Be(originals[i / 4], "repeating append {0} returns its original result", i); break;
                case 1: answers[i].Should().BeOfType<WrongExpectedVersionException>().Which.ActualRevision.Should().BeNull(); break;
                case 2: answers[i].Should().Be(new AppendResult(0, ((AppendResult)answers[i]).LogPosition)); break;
                case 3: answers[i].Should().BeOfType<AppendResult>(); break;
            }
        }

        var shared = await store.ReadStreamAsync("call-shared", Direction.Forwards, StreamPosition.Start).ToListAsync();
        shared.Should().HaveCount(Appends / 4);
        shared.Select(e => e.StreamRevision).Should().Equal(Enumerable.Range(0, Appends / 4).Select(i => (long)i), "the shared stream has no holes");
        answers.Where((_, i) => i % 4 == 3).Cast<AppendResult>().Select(r => r.NextExpectedRevision).Should().OnlyHaveUniqueItems();

        var stored = await database.DataSource.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id NOT LIKE 'call-twice%' AND stream_id NOT LIKE 'call-exact%'");
        stored.Should().Be(repeated.Length + Appends / 2, "refused and repeated appends store nothing");
        // The appends of one group commit share one transaction, hence one recorded time.
        var transactions = await database.DataSource.ScalarAsync<long>(
            "SELECT count(DISTINCT recorded_at) FROM eventstore.events WHERE stream_id NOT LIKE 'call-repeat%' AND stream_id NOT LIKE 'call-twice%' AND stream_id NOT LIKE 'call-exact%'");
        transactions.Should().BeLessThan(Appends / 2, "concurrent appends were committed together");
    }

    [Fact]
    public async Task when_two_processes_append_the_same_events_to_a_stream_at_once_both_get_the_original_result_and_the_events_are_stored_once()
    {
        // Two stores stand for two processes: each has its own group-commit writer, so their transactions race.
        await using var first = await TestStore.CreateAsync(database);
        await using var second = await TestStore.CreateAsync(database);
        for (var round = 0; round < 20; round++)
        {
            var stream = $"call-twice{round}";
            await first.AppendAsync(stream, ExpectedRevision.NoStream, [TestStore.Note($"twice{round}", "seed")]);
            var events = new[] { TestStore.Note($"twice{round}", "one"), TestStore.Note($"twice{round}", "two") };
            using var start = new SemaphoreSlim(0);
            var appends = new[] { first, second }.Select(store => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await store.AppendAsync(stream, ExpectedRevision.Any, events);
            })).ToArray();
            start.Release(2);
            var results = await Task.WhenAll(appends);

            results[1].Should().Be(results[0], "the later append is an idempotent repeat of the earlier one");
            var stored = await first.ReadStreamAsync(stream, Direction.Forwards, StreamPosition.Start).ToListAsync();
            stored.Skip(1).Select(e => e.EventId).Should().Equal(events.Select(e => e.EventId));
        }
    }

    [Fact]
    public async Task when_many_appends_at_exact_revisions_arrive_at_once_the_group_path_and_the_per_append_path_agree()
    {
        await using var store = await TestStore.CreateAsync(database);
        // Every stream has one event (revision 0). Per stream, at once: a two-event append that expects 0 (appended),
        // one that expects 7 (refused), a repeat of the seed event at the right revision (the original result), or
        // two rivals that both expect 0 (exactly one appended, whichever way they are grouped).
        const int streams = 64;
        var seeds = new EventData[streams];
        var seeded = new AppendResult[streams];
        for (var j = 0; j < streams; j++)
        {
            seeds[j] = TestStore.Note($"exact{j}", "seed");
            seeded[j] = await store.AppendAsync($"call-exact{j}", ExpectedRevision.NoStream, [seeds[j]]);
        }

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, streams).SelectMany(j => (j % 4) switch
        {
            0 => [(j, [TestStore.Note($"exact{j}", "one"), TestStore.Note($"exact{j}", "two")], 0L)],
            1 => [(j, [TestStore.Note($"exact{j}", "late")], 7L)],
            2 => [(j, [seeds[j]], 0L)],
            _ => new (int Stream, EventData[] Events, long Expected)[] { (j, [TestStore.Note($"exact{j}", "rival a")], 0L), (j, [TestStore.Note($"exact{j}", "rival b")], 0L) },
        }).Select(a => (a.Stream, Answer: Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                return (object)await store.AppendAsync($"call-exact{a.Stream}", ExpectedRevision.Exact(a.Expected), a.Events);
            }
            catch (WrongExpectedVersionException e)
            {
                return e;
            }
        }))).ToList();
        start.Release(attempts.Count);
        await Task.WhenAll(attempts.Select(a => a.Answer));

        foreach (var group in attempts.GroupBy(a => a.Stream))
        {
            var j = group.Key;
            var answers = group.Select(a => a.Answer.Result).ToList();
            switch (j % 4)
            {
                case 0: answers.Single().Should().BeOfType<AppendResult>().Which.NextExpectedRevision.Should().Be(2); break;
                case 1: answers.Single().Should().BeOfType<WrongExpectedVersionException>().Which.ActualRevision.Should().Be(0); break;
                case 2: answers.Single().Should().Be(seeded[j], "the seed event is already stored: a repeat returns its original result"); break;
                default:
                    answers.OfType<AppendResult>().Should().ContainSingle().Which.NextExpectedRevision.Should().Be(1);
                    answers.OfType<WrongExpectedVersionException>().Should().ContainSingle().Which.ActualRevision.Should().Be(1);
                    break;
            }
        }

        var stored = await database.DataSource.ScalarAsync<long>("SELECT count(*) FROM eventstore.events WHERE stream_id LIKE 'call-exact%'");
        stored.Should().Be(streams + streams / 4 * 2 + streams / 4, "seeds, two events per good append and one per rival pair");
        var outOfOrder = await database.DataSource.ScalarAsync<long>(
            """
            SELECT count(*) FROM (
              SELECT global_position < lag(global_position) OVER (PARTITION BY stream_id ORDER BY stream_revision) AS backwards
                FROM eventstore.events WHERE stream_id LIKE 'call-exact%') e
             WHERE backwards
            """);
        outOfOrder.Should().Be(0, "within a stream, later revisions have later positions");
        var revisions = await database.DataSource.ScalarAsync<long>(
            "SELECT count(*) FROM eventstore.streams s WHERE s.stream_id LIKE 'call-exact%' AND s.revision <> (SELECT max(e.stream_revision) FROM eventstore.events e WHERE e.stream_id = s.stream_id)");
        revisions.Should().Be(0, "each stream's revision is its last event's");
    }

    private static async Task<object> AttemptAsync(PostgresEventStore store, int i, EventData[] repeated)
    {
        try
        {
            return (i % 4) switch
            {
                0 => await store.AppendAsync($"call-repeat{i / 4}", ExpectedRevision.Any, [repeated[i / 4]]),
                1 => await store.AppendAsync($"call-missing{i}", ExpectedRevision.Exact(5), [TestStore.Note("missing", "x")]),
                2 => await store.AppendAsync($"call-fresh{i}", ExpectedRevision.NoStream, [TestStore.Note("fresh", "x")]),
                _ => await store.AppendAsync("call-shared", ExpectedRevision.Any, [TestStore.Note("shared", $"{i}")]),
            };
        }
        catch (WrongExpectedVersionException e)
        {
            return e;
        }
    }
}
