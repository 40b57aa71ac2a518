namespace RevoVoice.Write.Routing;

/// <summary>A queued call as the router sees it; <see cref="QueuedEventId"/> is the cause of the assignment it leads to.</summary>
public sealed record WaitingCall(Guid CallId, string Queue, IReadOnlyList<string> Skills, int Priority, DateTimeOffset QueuedAt, long Position,
    Guid QueuedEventId, string? CorrelationId);
