using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class CatchUpSubscriptionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static List<EventData> Notes(string call, int from, int count) =>
        Enumerable.Range(from, count).Select(i => TestStore.Note(call, $"{call}:{i}")).ToList();

    private static string Text(ResolvedEvent e) => ((NoteTaken)e.Event).Text;

    [Fact]
    public async Task when_a_runner_is_stopped_mid_way_a_new_one_resumes_from_its_checkpoint_with_nothing_lost_or_repeated()
    {
        await using var store = await TestStore.CreateAsync(database);
        var checkpoints = new PostgresCheckpointStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync("resume-1", ExpectedRevision.Any, Notes("r", 0, 100));
        var filter = SubscriptionFilter.ForCategories("resume");

        var first = new List<string>();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await new SubscriptionRunner(store, checkpoints, TimeProvider.System).RunAsync("resume-test", (e, _) =>
            {
                first.Add(Text(e));
                if (first.Count == 40) stop.Cancel();
                return Task.CompletedTask;
            }, filter, new CheckpointPolicy(1000, TimeSpan.FromHours(1)), stop.Token);
        }
        first.Should().HaveCount(40);
        var checkpoint = await checkpoints.GetAsync("resume-test");
        checkpoint.Should().NotBeNull("stopping stores the progress even when the policy had not yet");

        await store.AppendAsync("resume-1", ExpectedRevision.Any, Notes("r", 100, 50));
        var second = new List<string>();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await new SubscriptionRunner(store, checkpoints, TimeProvider.System).RunAsync("resume-test", (e, _) =>
            {
                second.Add(Text(e));
                if (second.Count == 110) stop.Cancel();
                return Task.CompletedTask;
            }, filter, CheckpointPolicy.Default, stop.Token);
        }

        first.Concat(second).Should().Equal(Enumerable.Range(0, 150).Select(i => $"r:{i}"));
    }

    [Fact]
    public async Task when_a_handler_fails_the_runner_keeps_the_last_handled_position_and_a_restart_retries_the_failed_event()
    {
        await using var store = await TestStore.CreateAsync(database);
        var checkpoints = new PostgresCheckpointStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync("crash-1", ExpectedRevision.Any, Notes("c", 0, 20));
        var filter = SubscriptionFilter.ForCategories("crash");
        var handled = new List<string>();
        using var firstRun = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var run = () => new SubscriptionRunner(store, checkpoints, TimeProvider.System).RunAsync("crash-test", (e, _) =>
        {
            if (Text(e) == "c:7") throw new InvalidOperationException("projection bug");
            handled.Add(Text(e));
            return Task.CompletedTask;
        }, filter, CheckpointPolicy.Default, firstRun.Token);
        await run.Should().ThrowAsync<InvalidOperationException>().WithMessage("projection bug");

        var resumed = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await new SubscriptionRunner(store, checkpoints, TimeProvider.System).RunAsync("crash-test", (e, _) =>
        {
            resumed.Add(Text(e));
            if (resumed.Count == 13) stop.Cancel();
            return Task.CompletedTask;
        }, filter, CheckpointPolicy.EveryEvent, stop.Token);

        handled.Should().Equal(Enumerable.Range(0, 7).Select(i => $"c:{i}"));
        resumed.Should().Equal(Enumerable.Range(7, 13).Select(i => $"c:{i}"));
    }

    [Fact]
    public async Task when_the_process_dies_between_checkpoints_a_restart_redelivers_from_the_last_stored_checkpoint_and_loses_nothing()
    {
        await using var store = await TestStore.CreateAsync(database);
        var durable = new PostgresCheckpointStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync("killed-1", ExpectedRevision.Any, Notes("k", 0, 60));
        var filter = SubscriptionFilter.ForCategories("killed");

        // A "killed" process: its checkpoint writes stop reaching the database at event 25, as if it died there
        // (the runner's final store on the way out is lost with it).
        var dying = new DyingCheckpointStore(durable);
        var first = new List<string>();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await new SubscriptionRunner(store, dying, TimeProvider.System).RunAsync("killed-test", (e, _) =>
            {
                first.Add(Text(e));
                if (first.Count == 25) { dying.Dead = true; stop.Cancel(); }
                return Task.CompletedTask;
            }, filter, new CheckpointPolicy(10, TimeSpan.FromHours(1)), stop.Token);
        }

        var restarted = new List<string>();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await new SubscriptionRunner(store, durable, TimeProvider.System).RunAsync("killed-test", (e, _) =>
            {
                restarted.Add(Text(e));
                if (restarted.Count == 40) stop.Cancel();
                return Task.CompletedTask;
            }, filter, CheckpointPolicy.Default, stop.Token);
        }

        restarted.First().Should().Be("k:20", "the last checkpoint that reached the database was after event 20");
        first.Union(restarted).Should().Equal(Enumerable.Range(0, 60).Select(i => $"k:{i}"), "nothing is lost, at-least-once across a crash");
    }

    private sealed class DyingCheckpointStore(ICheckpointStore inner) : ICheckpointStore
    {
        public bool Dead { get; set; }

        public Task<long?> GetAsync(string subscriptionName, CancellationToken cancellationToken = default) =>
            inner.GetAsync(subscriptionName, cancellationToken);

        public Task StoreAsync(string subscriptionName, long position, CancellationToken cancellationToken = default) =>
            Dead ? Task.CompletedTask : inner.StoreAsync(subscriptionName, position, cancellationToken);
    }

    [Fact]
    public async Task when_an_enumeration_is_disposed_early_subscribing_again_after_the_last_position_continues_seamlessly()
    {
        await using var store = await TestStore.CreateAsync(database);
        await store.AppendAsync("dispose-1", ExpectedRevision.Any, Notes("d", 0, 30));
        var filter = SubscriptionFilter.ForCategories("dispose");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var seen = new List<ResolvedEvent>();
        await foreach (var e in store.SubscribeToAllAsync(LogPosition.Start, filter, timeout.Token))
        {
            seen.Add(e);
            if (seen.Count == 12) break;
        }
        await foreach (var e in store.SubscribeToAllAsync(seen[^1].Position, filter, timeout.Token))
        {
            seen.Add(e);
            if (seen.Count == 30) break;
        }

        seen.Select(Text).Should().Equal(Enumerable.Range(0, 30).Select(i => $"d:{i}"));
    }

    [Fact]
    public async Task when_polling_is_slow_a_live_append_still_arrives_promptly_through_notify()
    {
        // Only the idle poll is slowed: while a watermark waits for running transactions (of any database on the server)
        // the pump must keep its short in-flight poll, since a rollback sends no notification.
        var options = new EventStoreOptions { IdlePollInterval = TimeSpan.FromMinutes(5) };
        await using var store = await TestStore.CreateAsync(database, options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var filter = SubscriptionFilter.ForCategories("notify");
        await using var events = store.SubscribeToAllAsync(LogPosition.Start, filter, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var next = events.MoveNextAsync().AsTask();
        await Task.Delay(300); // the subscription is caught up and idle

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await store.AppendAsync("notify-1", ExpectedRevision.Any, Notes("n", 0, 1));
        (await next).Should().BeTrue();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the NOTIFY wakes the idle subscription long before its 5-minute poll");
        Text(events.Current).Should().Be("n:0");
    }

    [Fact]
    public async Task when_appends_commit_in_quick_succession_the_subscriptions_are_notified_at_most_once_per_interval()
    {
        var interval = TimeSpan.FromSeconds(1);
        await using var store = await TestStore.CreateAsync(database, new EventStoreOptions { CommitNotifyInterval = interval });
        await using var listener = await database.DataSource.OpenConnectionAsync();
        var notifications = 0;
        listener.Notification += (_, _) => Interlocked.Increment(ref notifications);
        await using (var listen = new Npgsql.NpgsqlCommand($"LISTEN {SubscriptionPump.NotifyChannel}", listener))
            await listen.ExecuteNonQueryAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) await store.AppendAsync("burst-1", ExpectedRevision.Any, Notes("b", i, 1));
        var appending = clock.Elapsed;
        // Notifications are read off the connection while it waits; the last one is due within an interval.
        while (clock.Elapsed < appending + interval + TimeSpan.FromMilliseconds(500))
            await listener.WaitAsync(TimeSpan.FromMilliseconds(100));

        notifications.Should().BeGreaterThan(0, "subscriptions must hear of the appends");
        notifications.Should().BeLessThanOrEqualTo((int)(appending / interval) + 2,
            "20 commits {0} ms apart share the notifications of one interval", (appending / 20).TotalMilliseconds);
    }

    [Fact]
    public async Task when_a_commit_sends_no_notification_the_polling_fallback_delivers_it()
    {
        var options = new EventStoreOptions { IdlePollInterval = TimeSpan.FromMilliseconds(100) };
        await using var store = await TestStore.CreateAsync(database, options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = store.SubscribeToAllAsync(LogPosition.Start, SubscriptionFilter.ForCategories("silent"), timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var next = events.MoveNextAsync().AsTask();
        await Task.Delay(300);

        // A writer that sends no notification (plain INSERTs, not eventstore.append_many). Like every appender it takes
        // its xid (the streams row) before it draws a position (the events row), which the subscription relies on.
        await using (var command = database.DataSource.CreateCommand(
            """
            INSERT INTO eventstore.streams (stream_id, revision) VALUES ('silent-1', 0);
            INSERT INTO eventstore.events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
            VALUES ('silent-1', 0, gen_random_uuid(), 'note-taken.v1', '{"callId":"s","text":"quiet"}', '{}', now());
            """))
            await command.ExecuteNonQueryAsync();

        (await next).Should().BeTrue();
        Text(events.Current).Should().Be("quiet");
    }

    [Fact]
    public async Task when_filtered_by_category_or_event_type_only_matching_events_arrive()
    {
        await using var store = await TestStore.CreateAsync(database);
        await store.AppendAsync("filtera-1", ExpectedRevision.Any, Notes("a", 0, 3));
        await store.AppendAsync("filterb-1", ExpectedRevision.Any, Notes("b", 0, 3));
        await store.AppendAsync("filtera-2", ExpectedRevision.Any,
            [EventData.Create(new CallStarted("call-9", "cust-9", "+4400", "sales"))]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var byCategory = new List<ResolvedEvent>();
        await foreach (var e in store.SubscribeToAllAsync(0, SubscriptionFilter.ForCategories("filtera"), timeout.Token))
        {
            byCategory.Add(e);
            if (byCategory.Count == 4) break;
        }
        var byBoth = new List<ResolvedEvent>();
        await foreach (var e in store.SubscribeToAllAsync(0, new SubscriptionFilter(["filtera", "filterb"], ["call-started.v1"]), timeout.Token))
        {
            byBoth.Add(e);
            break;
        }

        byCategory.Select(e => e.StreamId).Should().Equal("filtera-1", "filtera-1", "filtera-1", "filtera-2");
        byBoth.Single().Event.Should().BeOfType<CallStarted>();
    }
}
