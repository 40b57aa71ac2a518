using Npgsql;
using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class BadInputTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("$all")]
    [InlineData("call-\u0001")]
    public async Task when_a_stream_id_is_invalid_appends_and_reads_are_refused_with_a_typed_error(string streamId)
    {
        await using var store = await TestStore.CreateAsync(database);
        var append = () => store.AppendAsync(streamId, ExpectedRevision.Any, [TestStore.Note("x", "y")]);
        var read = () => store.ReadStreamAsync(streamId, Direction.Forwards, 0);

        (await append.Should().ThrowAsync<InvalidStreamIdException>()).Which.StreamId.Should().Be(streamId);
        read.Should().Throw<InvalidStreamIdException>();
    }

    [Fact]
    public async Task when_a_stream_id_is_over_the_length_limit_it_is_refused_and_at_the_limit_it_works()
    {
        await using var store = await TestStore.CreateAsync(database);
        var longest = "call-" + new string('x', StreamIds.MaxLength - 5);

        var tooLong = () => store.AppendAsync(longest + "x", ExpectedRevision.Any, [TestStore.Note("x", "y")]);
        (await tooLong.Should().ThrowAsync<InvalidStreamIdException>()).Which.Message.Should().Contain("257").And.Contain("256");
        (await store.AppendAsync(longest, ExpectedRevision.Any, [TestStore.Note("x", "y")])).NextExpectedRevision.Should().Be(0);
    }

    [Fact]
    public async Task when_an_event_is_over_the_size_limit_it_is_refused_naming_its_size_and_the_limit()
    {
        await using var store = await TestStore.CreateAsync(database);
        var big = EventData.Create(new NoteTaken("big", new string('x', 1024 * 1024)));

        var act = () => store.AppendAsync("call-big", ExpectedRevision.Any, [big]);

        var error = (await act.Should().ThrowAsync<EventTooLargeException>()).Which;
        error.LimitBytes.Should().Be(1024 * 1024);
        error.SizeBytes.Should().BeGreaterThan(1024 * 1024);
        error.EventId.Should().Be(big.EventId);
        var almost = EventData.Create(new NoteTaken("big", new string('x', 1000 * 1024)));
        (await store.AppendAsync("call-big", ExpectedRevision.Any, [almost])).NextExpectedRevision.Should().Be(0);
    }

    [Fact]
    public async Task when_an_unregistered_clr_type_or_duplicate_ids_are_appended_they_are_refused()
    {
        await using var store = await TestStore.CreateAsync(database);
        var unknown = () => store.AppendAsync("call-odd", ExpectedRevision.Any, [EventData.Create(new Uri("http://x"))]);
        var one = TestStore.Note("d", "d");
        var twice = () => store.AppendAsync("call-odd", ExpectedRevision.Any, [one, one]);

        (await unknown.Should().ThrowAsync<UnregisteredEventTypeException>()).Which.ClrType.Should().Be<Uri>();
        await twice.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public void when_a_type_name_is_not_stable_and_versioned_registration_is_refused()
    {
        var registry = new EventTypeRegistry();
        var unversioned = () => registry.Register("call-started", TestJsonContext.Default.CallStarted);
        var clrName = () => registry.Register("CallStarted.v1", TestJsonContext.Default.CallStarted);
        unversioned.Should().Throw<ArgumentException>().WithMessage("*call-started.v1*");
        clrName.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task when_the_database_is_unreachable_every_operation_fails_with_event_store_unavailable()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(nowhere.ConnectionString);
        await using var store = new PostgresEventStore(dataSource, TestStore.Registry());

        var append = () => store.AppendAsync("call-1", ExpectedRevision.Any, [TestStore.Note("1", "x")]);
        var read = () => store.ReadAllAsync(Direction.Forwards, 0).ToListAsync();
        var subscribe = () => store.SubscribeToAllAsync(0).ToListAsync();
        var migrate = () => new EventStoreMigrator(dataSource).MigrateAsync();

        (await append.Should().ThrowAsync<EventStoreUnavailableException>()).Which.Message.Should().Contain("append to 'call-1'");
        await read.Should().ThrowAsync<EventStoreUnavailableException>();
        await subscribe.Should().ThrowAsync<EventStoreUnavailableException>();
        await migrate.Should().ThrowAsync<EventStoreUnavailableException>();
    }

    [Fact]
    public async Task when_the_server_closes_a_subscriptions_connection_the_consumer_gets_event_store_unavailable()
    {
        await using var store = await TestStore.CreateAsync(database);
        await store.AppendAsync("closed-1", ExpectedRevision.Any, [TestStore.Note("c", "1")]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = store.SubscribeToAllAsync(0, SubscriptionFilter.ForCategories("closed"), timeout.Token).GetAsyncEnumerator(timeout.Token);
        (await events.MoveNextAsync()).Should().BeTrue();

        await database.DataSource.ScalarAsync<bool>(
            "SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'eventstore-subscription'");

        var next = async () => await events.MoveNextAsync();
        await next.Should().ThrowAsync<EventStoreUnavailableException>();
    }
}
