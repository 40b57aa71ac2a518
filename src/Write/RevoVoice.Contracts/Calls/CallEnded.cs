namespace RevoVoice.Contracts.Calls;

/// <summary>The call is over.</summary>
[EventType("call-ended.v1")]
public sealed record CallEnded(Guid CallId, string Reason, long DurationMs, DateTimeOffset EndedAt);
