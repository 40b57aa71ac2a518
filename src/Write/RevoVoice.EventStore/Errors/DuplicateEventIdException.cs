namespace RevoVoice.EventStore;

/// <summary>
/// Some, but not all, of a batch's event ids are already in the stream: not a clean retry, so nothing was written.
/// (A batch whose ids are all present is an idempotent retry and returns the original result.)
/// </summary>
public sealed class DuplicateEventIdException(string streamId)
    : EventStoreException($"Part of the batch for stream '{streamId}' was appended before (same event ids); a retry must repeat the whole batch.")
{
    /// <summary>The stream written to.</summary>
    public string StreamId { get; } = streamId;
}
