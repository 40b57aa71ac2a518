using Microsoft.Extensions.Time.Testing;
using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class CryptoShreddingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private async Task<string> RawRowAsync(Guid eventId) =>
        await database.DataSource.ScalarAsync<string>(
            "SELECT encode(convert_to(data::text, 'UTF8'), 'hex') || '|' || md5(data::text) FROM eventstore.events WHERE event_id = $1", eventId);

    [Fact]
    public async Task when_a_subject_is_forgotten_its_personal_fields_read_as_the_marker_while_stored_bytes_and_other_subjects_stay()
    {
        await using var store = await TestStore.CreateAsync(database);
        var ada = EventData.Create(new CallStarted("call-1", "cust-ada", "+44 7700 900001", "sales"));
        var bob = EventData.Create(new CallStarted("call-2", "cust-bob", "+44 7700 900002", "support"));
        var adaProfile = EventData.Create(new CustomerProfile("cust-ada", new ContactDetails("+44 7700 900001", "ada@example.org"), 36));
        await store.AppendAsync("call-1", ExpectedRevision.NoStream, [ada]);
        await store.AppendAsync("call-2", ExpectedRevision.NoStream, [bob]);
        await store.AppendAsync("customer-ada", ExpectedRevision.NoStream, [adaProfile]);

        var rawCall = await database.DataSource.ScalarAsync<string>("SELECT data::text FROM eventstore.events WHERE event_id = $1", ada.EventId);
        rawCall.Should().NotContain("900001", "personal data is stored encrypted").And.Contain("\"queue\":\"sales\"").And.Contain("$pii:v1:s:");
        var before = await store.ReadStreamAsync("call-1", Direction.Forwards, 0).ToListAsync();
        before[0].Event.Should().Be(ada.Event);
        before[0].PersonalData.Should().Be(PersonalDataState.Decrypted);
        var rawBefore = await RawRowAsync(ada.EventId);
        var profileRawBefore = await RawRowAsync(adaProfile.EventId);

        await store.ForgetAsync("cust-ada");

        var after = (await store.ReadStreamAsync("call-1", Direction.Forwards, 0).ToListAsync()).Single();
        after.Event.Should().Be(new CallStarted("call-1", "cust-ada", PersonalData.ErasedMarker, "sales"));
        after.PersonalData.Should().Be(PersonalDataState.Erased);
        var profile = (CustomerProfile)(await store.ReadStreamAsync("customer-ada", Direction.Forwards, 0).ToListAsync()).Single().Event;
        profile.Should().Be(new CustomerProfile("cust-ada", new ContactDetails(PersonalData.ErasedMarker, PersonalData.ErasedMarker), 0),
            "a non-string personal field (age) reads as null, i.e. its default");
        (await store.ReadAllAsync(Direction.Forwards, 0).ToListAsync()).Where(e => e.EventId == ada.EventId)
            .Single().Event.Should().Be(after.Event, "erased everywhere, $all included");

        (await RawRowAsync(ada.EventId)).Should().Be(rawBefore, "no event row is updated to erase a person");
        (await RawRowAsync(adaProfile.EventId)).Should().Be(profileRawBefore);
        var bobAfter = (await store.ReadStreamAsync("call-2", Direction.Forwards, 0).ToListAsync()).Single();
        bobAfter.Event.Should().Be(bob.Event);
        bobAfter.PersonalData.Should().Be(PersonalDataState.Decrypted);
        (await database.DataSource.ScalarAsync<long>("SELECT count(*) FROM eventstore.subject_keys WHERE data_subject = 'cust-ada' AND key IS NULL")).Should().Be(1);
    }

    [Fact]
    public async Task when_a_forgotten_subject_gets_new_events_their_personal_data_is_never_stored_readable()
    {
        await using var store = await TestStore.CreateAsync(database);
        await store.ForgetAsync("cust-gone");
        var later = EventData.Create(new CallStarted("call-3", "cust-gone", "+44 7700 900003", "sales"));

        await store.AppendAsync("call-3", ExpectedRevision.NoStream, [later]);

        (await database.DataSource.ScalarAsync<string>("SELECT data::text FROM eventstore.events WHERE event_id = $1", later.EventId))
            .Should().NotContain("900003");
        ((CallStarted)(await store.ReadStreamAsync("call-3", Direction.Forwards, 0).ToListAsync()).Single().Event)
            .CallerNumber.Should().Be(PersonalData.ErasedMarker);
    }

    [Fact]
    public async Task when_many_keys_are_cached_at_once_another_process_forgetting_them_is_noticed_over_a_spread_of_time_not_in_one_instant()
    {
        // A forget is visible to another process's appends once its cached key expires: the appended field is then
        // stored empty ("written after forgotten") instead of encrypted with the old key.
        const int subjects = 200;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        await using var appender = await TestStore.CreateAsync(database, time: time);
        await using var forgetter = await TestStore.CreateAsync(database);
        for (var i = 0; i < subjects; i++)
            await appender.AppendAsync($"call-spread{i}", ExpectedRevision.NoStream, [EventData.Create(new CallStarted($"spread{i}", $"cust-spread{i}", "+44 7700 900003", "sales"))]);
        for (var i = 0; i < subjects; i++) await forgetter.ForgetAsync($"cust-spread{i}");

        async Task<int> NoticedAfterAsync(TimeSpan elapsed)
        {
            time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero) + elapsed);
            var ids = new List<Guid>();
            for (var i = 0; i < subjects; i++)
            {
                var again = EventData.Create(new CallStarted($"spread{i}", $"cust-spread{i}", "+44 7700 900003", "sales"));
                await appender.AppendAsync($"call-spread{i}", ExpectedRevision.Any, [again]);
                ids.Add(again.EventId);
            }
            return (int)await database.DataSource.ScalarAsync<long>(
                "SELECT count(*) FROM eventstore.events WHERE event_id = ANY($1) AND data::text LIKE '%\"$pii:v1:s:\"%'", ids.ToArray());
        }

        (await NoticedAfterAsync(TimeSpan.FromSeconds(25))).Should().Be(0, "every key is cached for at least 30 s");
        (await NoticedAfterAsync(TimeSpan.FromSeconds(45))).Should().BeInRange(subjects / 10, subjects * 9 / 10,
            "keys cached together expire over 30-60 s, not all at once");
        (await NoticedAfterAsync(TimeSpan.FromSeconds(61))).Should().Be(subjects, "no key is cached for more than a minute");
    }

    [Fact]
    public async Task when_an_event_with_personal_data_names_no_subject_it_is_refused()
    {
        await using var store = await TestStore.CreateAsync(database);
        var act = () => store.AppendAsync("call-4", ExpectedRevision.Any, [EventData.Create(new CallStarted("call-4", "", "+44", "q"))]);
        await act.Should().ThrowAsync<MissingDataSubjectException>();

        await store.AppendAsync("call-4", ExpectedRevision.Any,
            [EventData.Create(new CallStarted("call-4", "", "+44 1", "q"), dataSubject: "cust-explicit")]);
        (await database.DataSource.ScalarAsync<string>("SELECT data_subject FROM eventstore.events WHERE stream_id = 'call-4'"))
            .Should().Be("cust-explicit");
    }
}
