using RevoVoice.EventStore;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Commands;

public sealed class when_a_fold_remembers_its_latest_events
{
    private const string StreamId = "call-1";

    private static EventData[] EventsOf(Guid commandId, int count) =>
        Enumerable.Range(0, count).Select(i => new EventData(EventIds.For(commandId, StreamId, i), new object())).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(70)]
    public void it_keeps_the_ids_of_the_last_events_appended_oldest_first(int eventsPerCommand)
    {
        var fold = FoldedStream<Call>.Empty(Call.Empty(Guid.NewGuid()));
        var appended = new List<Guid>();
        for (var command = 0; command < 40; command++)
        {
            var events = EventsOf(Guid.NewGuid(), eventsPerCommand);
            appended.AddRange(events.Select(e => e.EventId));
            fold = fold.Advance(fold.State, events, appended.Count - 1);
        }

        fold.LatestEventIds.Should().Equal(appended.TakeLast(FoldedStream<Call>.RememberedEvents));
        fold.RemembersWholeStream.Should().BeFalse();
    }

    [Fact]
    public void a_recent_command_is_placed_at_the_revision_after_its_events()
    {
        var fold = FoldedStream<Call>.Empty(Call.Empty(Guid.NewGuid()));
        var recent = Guid.NewGuid();
        fold = fold.Advance(fold.State, EventsOf(Guid.NewGuid(), 2), 1);
        fold = fold.Advance(fold.State, EventsOf(recent, 3), 4);
        fold = fold.Advance(fold.State, EventsOf(Guid.NewGuid(), 2), 6);

        fold.RemembersWholeStream.Should().BeTrue();
        fold.RevisionAfter(recent, StreamId).Should().Be(4);
        fold.RevisionAfter(Guid.NewGuid(), StreamId).Should().BeNull();
    }
}
