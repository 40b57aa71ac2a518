namespace RevoVoice.EventStore;

/// <summary>
/// An append-only event store with EventStoreDB semantics: streams with optimistic concurrency, a global
/// <c>$all</c> order, category reads, retention metadata, soft delete, gap-free catch-up subscriptions and
/// crypto-shredding of personal data. All reads stream from the database as they are enumerated.
/// Errors are <see cref="EventStoreException"/>s (wrong expected version, not found, invalid input, unavailable).
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> atomically to <paramref name="streamId"/> if the stream matches
    /// <paramref name="expected"/>; otherwise throws <see cref="WrongExpectedVersionException"/>. Re-appending the same
    /// event ids returns the original result. Throws <see cref="InvalidStreamIdException"/>,
    /// <see cref="EventTooLargeException"/>, <see cref="UnregisteredEventTypeException"/>,
    /// <see cref="MissingDataSubjectException"/>, <see cref="DuplicateEventIdException"/>,
    /// <see cref="EventStoreUnavailableException"/>.
    /// </summary>
    Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a stream from <paramref name="fromRevision"/> (inclusive; <see cref="StreamPosition.End"/> with
    /// <see cref="Direction.Backwards"/> for newest first), honouring its <see cref="StreamMetadata"/>. Throws
    /// <see cref="StreamNotFoundException"/> on enumeration when the stream has no events or was deleted.
    /// </summary>
    IAsyncEnumerable<ResolvedEvent> ReadStreamAsync(string streamId, Direction direction, long fromRevision, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Reads <c>$all</c> from <paramref name="fromPosition"/> (inclusive), every event of every stream.</summary>
    IAsyncEnumerable<ResolvedEvent> ReadAllAsync(Direction direction, long fromPosition, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the events of every stream in <paramref name="category"/> (streams named <c>category-…</c>) in global
    /// order from <paramref name="fromPosition"/> (inclusive), honouring each stream's metadata and deletion.
    /// </summary>
    IAsyncEnumerable<ResolvedEvent> ReadCategoryAsync(string category, long fromPosition, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>The stream's retention metadata (<see cref="StreamMetadata.None"/> when never set or no stream).</summary>
    Task<StreamMetadata> GetStreamMetadataAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Sets the stream's retention metadata (the stream need not exist yet).</summary>
    Task SetStreamMetadataAsync(string streamId, StreamMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>
    /// Soft-deletes a stream: reads then throw <see cref="StreamNotFoundException"/>; a later append recreates it,
    /// continuing the revision numbers, without resurrecting old events. <c>$all</c> keeps the events.
    /// </summary>
    Task DeleteStreamAsync(string streamId, ExpectedRevision expected, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crypto-shredding: destroys <paramref name="dataSubject"/>'s key. Afterwards that subject's personal-data fields
    /// read as <see cref="PersonalData.ErasedMarker"/> everywhere; no event row changes. New events for the subject store
    /// the marker. Idempotent.
    /// </summary>
    Task ForgetAsync(string dataSubject, CancellationToken cancellationToken = default);

    /// <summary>
    /// A catch-up subscription to <c>$all</c> after <paramref name="afterPosition"/> (a checkpoint; <see cref="LogPosition.Start"/>
    /// for everything): replays history, then follows live appends (LISTEN/NOTIFY with polling fallback). Every
    /// committed event is delivered exactly once, in global order, never skipping a transaction that commits late.
    /// The consumer's pace bounds the read-ahead (<see cref="EventStoreOptions.SubscriptionBufferSize"/>). Ends only
    /// when cancelled; database errors surface as <see cref="EventStoreUnavailableException"/>.
    /// </summary>
    IAsyncEnumerable<ResolvedEvent> SubscribeToAllAsync(long afterPosition, SubscriptionFilter? filter = null, CancellationToken cancellationToken = default);
}
