namespace RevoVoice.EventStore;

/// <summary>Thrown when reading a stream that has no events or was soft-deleted.</summary>
public sealed class StreamNotFoundException(string streamId)
    : EventStoreException($"Stream '{streamId}' does not exist (or was deleted).")
{
    /// <summary>The stream read.</summary>
    public string StreamId { get; } = streamId;
}
