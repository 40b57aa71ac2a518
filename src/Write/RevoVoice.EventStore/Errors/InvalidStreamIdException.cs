namespace RevoVoice.EventStore;

/// <summary>A stream id is empty, too long, starts with the reserved '$', or holds control characters.</summary>
public sealed class InvalidStreamIdException(string? streamId, string reason)
    : EventStoreException($"Invalid stream id '{Shorten(streamId)}': {reason}")
{
    /// <summary>The rejected id (may be null).</summary>
    public string? StreamId { get; } = streamId;

    private static string? Shorten(string? id) => id is { Length: > 80 } ? id[..80] + "…" : id;
}
