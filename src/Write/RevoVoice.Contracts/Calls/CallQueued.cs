namespace RevoVoice.Contracts.Calls;

/// <summary>The call waits in a queue for an agent with the skills; a higher priority is served first.</summary>
[EventType("call-queued.v1")]
public sealed record CallQueued(Guid CallId, string Queue, IReadOnlyList<string> Skills, int Priority, DateTimeOffset QueuedAt);
