namespace RevoVoice.Contracts.Agents;

/// <summary>An agent goes available, away or offline (busy is set by assignment only).</summary>
public sealed record ChangeAgentStatus(Guid CommandId, Guid AgentId, AgentStatus Status);
