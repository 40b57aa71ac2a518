namespace RevoVoice.EventStore;

/// <summary>
/// Retention settings of a stream, honoured by stream and category reads (as EventStoreDB's $maxAge, $maxCount
/// and $tb): events older than <see cref="MaxAge"/>, beyond the newest <see cref="MaxCount"/>, or with a revision
/// below <see cref="TruncateBefore"/> are not returned. Rows are never deleted by it; <c>$all</c> and subscriptions
/// still see every event.
/// </summary>
public sealed record StreamMetadata(TimeSpan? MaxAge = null, long? MaxCount = null, long? TruncateBefore = null)
{
    /// <summary>No retention limits.</summary>
    public static StreamMetadata None { get; } = new();
}
