namespace RevoVoice.Contracts.Agents;

/// <summary>An agent's status changed; <c>CallId</c> is the call that made them busy, or that they finished.</summary>
[EventType("agent-status-changed.v1")]
public sealed record AgentStatusChanged(Guid AgentId, AgentStatus From, AgentStatus To, Guid? CallId, DateTimeOffset ChangedAt);
