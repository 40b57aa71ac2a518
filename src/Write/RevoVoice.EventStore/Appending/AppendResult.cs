namespace RevoVoice.EventStore;

/// <summary>
/// The outcome of a successful (or idempotently repeated) append: the revision to expect for the next append
/// to the same stream, and the global log position of the batch's last event.
/// </summary>
public sealed record AppendResult(long NextExpectedRevision, long LogPosition);
