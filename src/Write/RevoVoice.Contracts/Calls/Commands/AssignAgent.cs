namespace RevoVoice.Contracts.Calls;

/// <summary>Give a queued call to an available agent (issued by the router, or by a supervisor).</summary>
public sealed record AssignAgent(Guid CommandId, Guid CallId, Guid AgentId);
