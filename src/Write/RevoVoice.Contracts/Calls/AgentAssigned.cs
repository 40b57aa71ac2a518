namespace RevoVoice.Contracts.Calls;

/// <summary>An agent took the queued call.</summary>
[EventType("agent-assigned.v1")]
public sealed record AgentAssigned(Guid CallId, Guid AgentId, DateTimeOffset AssignedAt);
