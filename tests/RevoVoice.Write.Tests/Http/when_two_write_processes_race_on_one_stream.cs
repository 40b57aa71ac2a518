using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Http;

/// <summary>
/// Two aggregate stores over one event store behave like two write service instances: their caches go stale and
/// their appends collide, and the expected revision with bounded retries keeps every command exactly once.
/// </summary>
public sealed class when_two_write_processes_race_on_one_stream(WriteService service) : IClassFixture<WriteService>
{
    private static readonly CommandOrigin Origin = new("test", "test", "test:race");

    [Fact]
    public async Task every_turn_is_appended_once_and_refusals_are_not_taken_from_a_stale_cache()
    {
        var store = service.Services.GetRequiredService<IEventStore>();
        var metrics = service.Services.GetRequiredService<CommandMetrics>();
        var one = new AggregateStore(store, metrics, NullLogger<AggregateStore>.Instance);
        var two = new AggregateStore(store, metrics, NullLogger<AggregateStore>.Instance);
        var callId = Guid.NewGuid();
        var stream = StreamNames.Call(callId);
        var now = DateTimeOffset.UtcNow;
        await one.ExecuteAsync<Call>(stream, callId, Guid.NewGuid(), Origin, true,
            c => c.Start(new StartCall(Guid.NewGuid(), callId, "+441632960777", "+441632960999"), null, now), default);
        await two.ExecuteAsync<Call>(stream, callId, Guid.NewGuid(), Origin, false, c => c.Answer(now), default);

        var turns = Enumerable.Range(0, 30).Select(_ => new RecordTurn(Guid.NewGuid(), callId, Guid.NewGuid(), Speaker.Caller, "hello", 0.9, 0, 10, null, null)).ToList();
        await Task.WhenAll(turns.Select((t, i) => (i % 2 == 0 ? one : two).ExecuteAsync<Call>(stream, callId, t.CommandId, Origin, false,
            c => c.RecordTurn(t), default)));
        // A retry through the other instance is recognised from the stream, not appended again.
        await Task.WhenAll(turns.Select((t, i) => (i % 2 == 0 ? two : one).ExecuteAsync<Call>(stream, callId, t.CommandId, Origin, false,
            c => c.RecordTurn(t), default)));

        var utterances = await store.ReadStreamAsync(stream, Direction.Forwards, 0).Select(e => e.Event).OfType<UtteranceRecognized>().ToListAsync();
        utterances.Select(u => u.UtteranceId).Should().BeEquivalentTo(turns.Select(t => t.UtteranceId));

        // Instance two ends the call; instance one's cache still says "live" but it must not take a turn nor refuse wrongly.
        await two.ExecuteAsync<Call>(stream, callId, Guid.NewGuid(), Origin, false, c => c.End(new EndCall(Guid.NewGuid(), callId, "done"), now), default);
        var late = new RecordTurn(Guid.NewGuid(), callId, Guid.NewGuid(), Speaker.Caller, "too late", 0.9, 0, 10, null, null);
        await FluentActions.Awaiting(() => one.ExecuteAsync<Call>(stream, callId, late.CommandId, Origin, false, c => c.RecordTurn(late), default))
            .Should().ThrowAsync<StateConflictException>();
    }
}
