using System.Collections.Immutable;
using RevoVoice.EventStore;

namespace RevoVoice.Write.Commands;

/// <summary>An aggregate's state at a stream revision, and the revision of every event id in the stream.</summary>
internal sealed record FoldedStream<T>(T State, long? Revision, ImmutableDictionary<Guid, long> EventRevisions)
    where T : IAggregate<T>
{
    public static FoldedStream<T> Empty(T state) => new(state, null, ImmutableDictionary<Guid, long>.Empty);

    public FoldedStream<T> Advance(ResolvedEvent resolved) => new(
        State.Apply(resolved.Event),
        resolved.StreamRevision,
        EventRevisions.SetItem(resolved.EventId, resolved.StreamRevision));

    public FoldedStream<T> Advance(T after, IReadOnlyList<EventData> appended, long lastRevision)
    {
        var first = lastRevision - appended.Count + 1;
        return new FoldedStream<T>(after, lastRevision,
            EventRevisions.SetItems(appended.Select((e, i) => KeyValuePair.Create(e.EventId, first + i))));
    }

    /// <summary>
    /// The stream revision after <paramref name="commandId"/>'s events if it was applied here, else null. A command's
    /// event ids are derived from its id, so its batch is found by probing ids 0, 1, 2… of that command.
    /// </summary>
    public long? RevisionAfter(Guid commandId, string streamId)
    {
        if (!EventRevisions.TryGetValue(EventIds.For(commandId, streamId, 0), out var last)) return null;
        for (var i = 1; EventRevisions.TryGetValue(EventIds.For(commandId, streamId, i), out var next); i++) last = next;
        return last;
    }
}
