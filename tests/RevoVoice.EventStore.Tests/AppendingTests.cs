using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class AppendingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task when_16_appenders_race_with_exact_revisions_each_revision_is_won_exactly_once()
    {
        await using var store = await TestStore.CreateAsync(database);
        const string stream = "call-race";
        await store.AppendAsync(stream, ExpectedRevision.NoStream, [TestStore.Note("race", "seed")]);

        var wins = new System.Collections.Concurrent.ConcurrentBag<(int Writer, long Revision)>();
        var conflicts = 0;
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var current = await store.ReadStreamAsync(stream, Direction.Backwards, StreamPosition.End, 1).ToListAsync();
                var expected = current[0].StreamRevision;
                try
                {
                    var result = await store.AppendAsync(stream, ExpectedRevision.Exact(expected), [TestStore.Note("race", $"w{writer}")]);
                    result.NextExpectedRevision.Should().Be(expected + 1);
                    wins.Add((writer, expected + 1));
                }
                catch (WrongExpectedVersionException e)
                {
                    e.StreamId.Should().Be(stream);
                    e.Expected.Should().Be(ExpectedRevision.Exact(expected));
                    e.ActualRevision.Should().BeGreaterThan(expected);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })).ToList();
        start.Release(16);
        await Task.WhenAll(writers);

        wins.Select(w => w.Revision).Should().OnlyHaveUniqueItems();
        conflicts.Should().BeGreaterThan(0, "16 writers on one stream must collide");
        (wins.Count + conflicts).Should().Be(16 * 20);

        var events = await store.ReadStreamAsync(stream, Direction.Forwards, StreamPosition.Start).ToListAsync();
        events.Should().HaveCount(1 + wins.Count);
        events.Select(e => e.StreamRevision).Should().Equal(Enumerable.Range(0, events.Count).Select(i => (long)i), "the stream has no holes");
        events.Select(e => e.Position).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task when_the_same_event_ids_are_appended_again_the_original_result_comes_back_and_nothing_is_duplicated()
    {
        await using var store = await TestStore.CreateAsync(database);
        var batch = new[] { TestStore.Note("idem", "one"), TestStore.Note("idem", "two") };
        var first = await store.AppendAsync("call-idem", ExpectedRevision.NoStream, batch);
        await store.AppendAsync("call-idem", ExpectedRevision.Exact(1), [TestStore.Note("idem", "three")]);

        var again = await store.AppendAsync("call-idem", ExpectedRevision.NoStream, batch);
        var againAny = await store.AppendAsync("call-idem", ExpectedRevision.Any, batch);

        again.Should().Be(first);
        againAny.Should().Be(first);
        (await store.ReadStreamAsync("call-idem", Direction.Forwards, 0).ToListAsync()).Should().HaveCount(3);
    }

    [Fact]
    public async Task when_only_part_of_a_batch_was_appended_before_the_append_is_refused_whole()
    {
        await using var store = await TestStore.CreateAsync(database);
        var one = TestStore.Note("part", "one");
        await store.AppendAsync("call-part", ExpectedRevision.Any, [one]);

        var act = () => store.AppendAsync("call-part", ExpectedRevision.Any, [one, TestStore.Note("part", "two")]);

        await act.Should().ThrowAsync<DuplicateEventIdException>();
        (await store.ReadStreamAsync("call-part", Direction.Forwards, 0).ToListAsync()).Should().HaveCount(1);
    }

    [Fact]
    public async Task when_expectations_do_not_hold_the_error_names_stream_expected_and_actual()
    {
        await using var store = await TestStore.CreateAsync(database);

        var exists = () => store.AppendAsync("call-expect", ExpectedRevision.StreamExists, [TestStore.Note("e", "x")]);
        (await exists.Should().ThrowAsync<WrongExpectedVersionException>())
            .Which.Should().Match<WrongExpectedVersionException>(e => e.ActualRevision == null && e.StreamId == "call-expect");

        await store.AppendAsync("call-expect", ExpectedRevision.NoStream, [TestStore.Note("e", "a"), TestStore.Note("e", "b")]);

        var noStream = () => store.AppendAsync("call-expect", ExpectedRevision.NoStream, [TestStore.Note("e", "c")]);
        var stale = () => store.AppendAsync("call-expect", ExpectedRevision.Exact(0), [TestStore.Note("e", "c")]);
        (await noStream.Should().ThrowAsync<WrongExpectedVersionException>()).Which.ActualRevision.Should().Be(1);
        var error = (await stale.Should().ThrowAsync<WrongExpectedVersionException>()).Which;
        error.ActualRevision.Should().Be(1);
        error.Message.Should().Contain("call-expect").And.Contain("revision 0").And.Contain("revision 1");

        (await store.AppendAsync("call-expect", ExpectedRevision.StreamExists, [TestStore.Note("e", "c")])).NextExpectedRevision.Should().Be(2);
        (await store.AppendAsync("call-expect", ExpectedRevision.Any, [TestStore.Note("e", "d")])).NextExpectedRevision.Should().Be(3);
    }

    [Fact]
    public async Task when_a_batch_is_appended_it_is_atomic_and_its_log_position_is_the_last_event()
    {
        await using var store = await TestStore.CreateAsync(database);
        var batch = Enumerable.Range(0, 50).Select(i => TestStore.Note("atomic", $"n{i}")).ToList();
        var tooBig = batch.Append(EventData.Create(new NoteTaken("atomic", new string('x', 2 * 1024 * 1024)))).ToList();

        var act = () => store.AppendAsync("call-atomic", ExpectedRevision.NoStream, tooBig);
        await act.Should().ThrowAsync<EventTooLargeException>();
        var read = () => store.ReadStreamAsync("call-atomic", Direction.Forwards, 0).ToListAsync();
        await read.Should().ThrowAsync<StreamNotFoundException>("nothing of a refused batch is written");

        var result = await store.AppendAsync("call-atomic", ExpectedRevision.NoStream, batch);
        var events = await read();
        events.Should().HaveCount(50);
        result.NextExpectedRevision.Should().Be(49);
        result.LogPosition.Should().Be(events[^1].Position);
        events.Select(e => ((NoteTaken)e.Event).Text).Should().Equal(batch.Select(b => ((NoteTaken)b.Event).Text));
    }

    [Fact]
    public async Task when_metadata_is_given_or_an_activity_is_running_it_is_stored_with_the_event()
    {
        await using var store = await TestStore.CreateAsync(database);
        await store.AppendAsync("call-meta", ExpectedRevision.Any,
            [EventData.Create(new NoteTaken("m", "given"), new EventMetadata("corr-1", "cause-1", "agent:7"))]);

        using var source = new System.Diagnostics.ActivitySource("test");
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        string traceParent;
        using (var activity = source.StartActivity("command")!)
        {
            traceParent = activity.Id!;
            await store.AppendAsync("call-meta", ExpectedRevision.Any, [TestStore.Note("m", "traced")]);
        }

        var events = await store.ReadStreamAsync("call-meta", Direction.Forwards, 0).ToListAsync();
        events[0].Metadata.Should().Be(new EventMetadata("corr-1", "cause-1", "agent:7"));
        events[1].Metadata.TraceParent.Should().Be(traceParent).And.MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$");
        events[0].Record.Metadata.Should().Contain("\"$correlationId\":\"corr-1\"");

        var caused = EventMetadata.CausedBy(events[0]);
        caused.CorrelationId.Should().Be("corr-1");
        caused.CausationId.Should().Be(events[0].EventId.ToString());
    }
}
