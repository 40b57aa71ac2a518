namespace RevoVoice.EventStore;

/// <summary>
/// An append's (or delete's) expected revision did not match the stream. <see cref="ActualRevision"/> is the
/// stream's last revision, or null when the stream does not exist (or is soft-deleted). Nothing was written.
/// </summary>
public sealed class WrongExpectedVersionException(string streamId, ExpectedRevision expected, long? actualRevision)
    : EventStoreException(
        $"Append to stream '{streamId}' expected {expected} but the stream " +
        (actualRevision is { } a ? $"is at revision {a}." : "does not exist."))
{
    /// <summary>The stream written to.</summary>
    public string StreamId { get; } = streamId;

    /// <summary>What the caller expected.</summary>
    public ExpectedRevision Expected { get; } = expected;

    /// <summary>The stream's last revision, or null when there is no stream.</summary>
    public long? ActualRevision { get; } = actualRevision;
}
