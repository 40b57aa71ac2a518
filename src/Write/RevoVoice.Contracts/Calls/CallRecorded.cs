namespace RevoVoice.Contracts.Calls;

/// <summary>
/// Media stored a consented recording of the call. The path is where Media wrote it (its own file system); the
/// audio itself never enters the event store.
/// </summary>
[EventType("call-recorded.v1")]
public sealed record CallRecorded(Guid CallId, string Path, long DurationMs, DateTimeOffset RecordedAt);
