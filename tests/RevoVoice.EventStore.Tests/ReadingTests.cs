using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class ReadingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static List<EventData> Notes(string call, int count) =>
        Enumerable.Range(0, count).Select(i => TestStore.Note(call, $"{call}:{i}")).ToList();

    private static IEnumerable<string> Texts(IEnumerable<ResolvedEvent> events) => events.Select(e => ((NoteTaken)e.Event).Text);

    [Fact]
    public async Task when_reading_backwards_the_newest_event_comes_first_and_paging_is_seamless()
    {
        await using var store = await TestStore.CreateAsync(database, new EventStoreOptions { ReadPageSize = 7 });
        await store.AppendAsync("call-back", ExpectedRevision.NoStream, Notes("back", 30));

        var all = await store.ReadStreamAsync("call-back", Direction.Backwards, StreamPosition.End).ToListAsync();
        var fromTen = await store.ReadStreamAsync("call-back", Direction.Backwards, 10, maxCount: 4).ToListAsync();
        var forwards = await store.ReadStreamAsync("call-back", Direction.Forwards, 25).ToListAsync();

        all.Select(e => e.StreamRevision).Should().Equal(Enumerable.Range(0, 30).Reverse().Select(i => (long)i));
        fromTen.Select(e => e.StreamRevision).Should().Equal(10, 9, 8, 7);
        Texts(forwards).Should().Equal("back:25", "back:26", "back:27", "back:28", "back:29");
    }

    [Fact]
    public async Task when_reading_a_category_only_its_streams_come_back_in_global_order()
    {
        await using var store = await TestStore.CreateAsync(database, new EventStoreOptions { ReadPageSize = 3 });
        var start = (await store.ReadAllAsync(Direction.Backwards, LogPosition.End, 1).ToListAsync()).FirstOrDefault()?.Position ?? 0;
        await store.AppendAsync("catx-1", ExpectedRevision.Any, Notes("a", 2));
        await store.AppendAsync("caty-1", ExpectedRevision.Any, Notes("b", 2));
        await store.AppendAsync("catx-2", ExpectedRevision.Any, Notes("c", 2));
        await store.AppendAsync("catx", ExpectedRevision.Any, Notes("d", 1));
        await store.AppendAsync("catx-1", ExpectedRevision.Any, Notes("e", 2));

        var category = await store.ReadCategoryAsync("catx", start + 1).ToListAsync();
        var all = await store.ReadAllAsync(Direction.Forwards, start + 1).ToListAsync();

        Texts(category).Should().Equal("a:0", "a:1", "c:0", "c:1", "d:0", "e:0", "e:1");
        category.Select(e => e.Position).Should().BeInAscendingOrder();
        all.Should().HaveCount(9);
        Texts(await store.ReadCategoryAsync("catx", category[3].Position, maxCount: 2).ToListAsync()).Should().Equal("c:1", "d:0");
        var badCategory = () => store.ReadCategoryAsync("catx-1", 0);
        badCategory.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task when_stream_metadata_limits_retention_reads_honour_max_age_max_count_and_truncate_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = await TestStore.CreateAsync(database, time: time);
        await store.AppendAsync("retain-age", ExpectedRevision.Any, Notes("old", 3));
        time.Advance(TimeSpan.FromHours(2));
        await store.AppendAsync("retain-age", ExpectedRevision.Any, Notes("new", 2));
        await store.AppendAsync("retain-count", ExpectedRevision.Any, Notes("c", 10));
        await store.AppendAsync("retain-tb", ExpectedRevision.Any, Notes("t", 10));

        await store.SetStreamMetadataAsync("retain-age", new StreamMetadata(MaxAge: TimeSpan.FromHours(1)));
        await store.SetStreamMetadataAsync("retain-count", new StreamMetadata(MaxCount: 3));
        await store.SetStreamMetadataAsync("retain-tb", new StreamMetadata(TruncateBefore: 8));

        Texts(await store.ReadStreamAsync("retain-age", Direction.Forwards, 0).ToListAsync()).Should().Equal("new:0", "new:1");
        Texts(await store.ReadStreamAsync("retain-count", Direction.Forwards, 0).ToListAsync()).Should().Equal("c:7", "c:8", "c:9");
        Texts(await store.ReadStreamAsync("retain-count", Direction.Backwards, StreamPosition.End).ToListAsync()).Should().Equal("c:9", "c:8", "c:7");
        Texts(await store.ReadStreamAsync("retain-tb", Direction.Forwards, 0).ToListAsync()).Should().Equal("t:8", "t:9");
        Texts(await store.ReadCategoryAsync("retain", 0).ToListAsync()).Should().Equal("new:0", "new:1", "c:7", "c:8", "c:9", "t:8", "t:9");
        (await store.GetStreamMetadataAsync("retain-count")).Should().Be(new StreamMetadata(MaxCount: 3));
        (await store.ReadAllAsync(Direction.Forwards, 0).ToListAsync()).Count(e => e.StreamId.StartsWith("retain-")).Should().Be(25, "$all keeps every event");

        var invalid = () => store.SetStreamMetadataAsync("retain-count", new StreamMetadata(MaxCount: 0));
        await invalid.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task when_a_stream_is_soft_deleted_it_reads_as_not_found_and_a_new_append_continues_without_old_events()
    {
        await using var store = await TestStore.CreateAsync(database);
        await store.AppendAsync("gone-1", ExpectedRevision.NoStream, Notes("old", 3));

        var staleDelete = () => store.DeleteStreamAsync("gone-1", ExpectedRevision.Exact(1));
        await staleDelete.Should().ThrowAsync<WrongExpectedVersionException>();
        await store.DeleteStreamAsync("gone-1", ExpectedRevision.Exact(2));

        var read = () => store.ReadStreamAsync("gone-1", Direction.Forwards, 0).ToListAsync();
        (await read.Should().ThrowAsync<StreamNotFoundException>()).Which.StreamId.Should().Be("gone-1");
        (await store.ReadCategoryAsync("gone", 0).ToListAsync()).Should().BeEmpty();

        var result = await store.AppendAsync("gone-1", ExpectedRevision.NoStream, Notes("new", 1));
        result.NextExpectedRevision.Should().Be(3, "revisions continue after a soft delete");
        var events = await read();
        Texts(events).Should().Equal("new:0");
        events[0].StreamRevision.Should().Be(3);
        Texts(await store.ReadCategoryAsync("gone", 0).ToListAsync()).Should().Equal("new:0");
    }

    [Fact]
    public async Task when_a_stream_never_existed_reading_it_throws_stream_not_found()
    {
        await using var store = await TestStore.CreateAsync(database);
        var read = () => store.ReadStreamAsync("call-nobody", Direction.Forwards, 0).ToListAsync();
        await read.Should().ThrowAsync<StreamNotFoundException>();
        (await store.GetStreamMetadataAsync("call-nobody")).Should().Be(StreamMetadata.None);
    }

    [Fact]
    public async Task when_an_old_version_is_stored_it_is_upcast_on_read_and_an_unknown_type_is_kept_raw()
    {
        await using var store = await TestStore.CreateAsync(database);
        await RawAppend.AppendAsync(database.DataSource, "customer-legacy",
        [
            (Guid.NewGuid(), "customer-registered.v1", """{"customerId":"c9","name":"Ada Lovelace"}"""),
            (Guid.NewGuid(), "mystery-happened.v3", """{"what":42}"""),
        ]);

        var events = await store.ReadStreamAsync("customer-legacy", Direction.Forwards, 0).ToListAsync();

        events[0].Event.Should().Be(new CustomerRegistered("c9", "Ada", "Lovelace"));
        events[0].EventType.Should().Be("customer-registered.v1", "the record keeps the stored name");
        var unknown = events[1].Event.Should().BeOfType<UnknownEvent>().Subject;
        unknown.EventType.Should().Be("mystery-happened.v3");
        unknown.Data.GetProperty("what").GetInt32().Should().Be(42);
        events[1].Metadata.Should().Be(EventMetadata.Empty);
    }
}
