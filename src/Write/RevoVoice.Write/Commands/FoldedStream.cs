using RevoVoice.EventStore;

namespace RevoVoice.Write.Commands;

/// <summary>
/// An aggregate's state at a stream revision, and the ids of the stream's latest events (at most
/// <see cref="RememberedEvents"/>, oldest first; the last one is at <see cref="Revision"/>).
/// Only the latest ids are kept because a retried command comes back within moments: remembering every id of a live
/// call grew the cache by every turn, which the garbage collector paid for on every collection. A command older than
/// that is found in the store instead (<see cref="AggregateStore"/>), which <see cref="RemembersWholeStream"/> says
/// is needed.
/// </summary>
internal sealed record FoldedStream<T>(T State, long? Revision, Guid[] LatestEventIds)
    where T : IAggregate<T>
{
    public const int RememberedEvents = 32;

    public static FoldedStream<T> Empty(T state) => new(state, null, []);

    /// <summary>True when every event of the stream is among the remembered ids.</summary>
    public bool RemembersWholeStream => (Revision ?? -1) + 1 <= LatestEventIds.Length;

    /// <summary>Folds the events read after this fold (the remembered ids are gathered once, not copied per event).</summary>
    public async Task<FoldedStream<T>> AdvanceAsync(IAsyncEnumerable<ResolvedEvent> events)
    {
        var (state, revision, ids) = (State, Revision, new Queue<Guid>(LatestEventIds));
        await foreach (var resolved in events)
        {
            (state, revision) = (state.Apply(resolved.Event), resolved.StreamRevision);
            ids.Enqueue(resolved.EventId);
            if (ids.Count > RememberedEvents) ids.Dequeue();
        }
        return revision == Revision ? this : new(state, revision, ids.ToArray());
    }

    public FoldedStream<T> Advance(T after, IReadOnlyList<EventData> appended, long lastRevision) =>
        new(after, lastRevision, Remember(LatestEventIds, appended));

    /// <summary>
    /// The stream revision after <paramref name="commandId"/>'s events if they are among the remembered ids, else null
    /// (not applied, or, unless <see cref="RemembersWholeStream"/>, applied longer ago). A command's event ids are
    /// derived from its id, so its batch is found by probing ids 0, 1, 2… of that command.
    /// </summary>
    public long? RevisionAfter(Guid commandId, string streamId)
    {
        var first = Array.IndexOf(LatestEventIds, EventIds.For(commandId, streamId, 0));
        if (first < 0) return null;
        var last = first;
        while (last + 1 < LatestEventIds.Length && LatestEventIds[last + 1] == EventIds.For(commandId, streamId, last + 1 - first)) last++;
        return Revision!.Value - (LatestEventIds.Length - 1 - last);
    }

    private static Guid[] Remember(Guid[] latest, IReadOnlyList<EventData> added)
    {
        var fromAdded = Math.Min(added.Count, RememberedEvents);
        var kept = Math.Min(latest.Length, RememberedEvents - fromAdded);
        var ids = new Guid[kept + fromAdded];
        latest.AsSpan(latest.Length - kept).CopyTo(ids);
        for (var i = 0; i < fromAdded; i++) ids[kept + i] = added[added.Count - fromAdded + i].EventId;
        return ids;
    }
}
