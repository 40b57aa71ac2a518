namespace RevoVoice.Contracts.Agents;

/// <summary>Register a human agent with skills.</summary>
public sealed record RegisterAgent(Guid CommandId, Guid AgentId, string Name, IReadOnlyList<AgentSkill> Skills);
