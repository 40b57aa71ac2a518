namespace RevoVoice.Contracts.Agents;

/// <summary>A human agent joined with their skills; they start offline.</summary>
[EventType("agent-registered.v1")]
public sealed record AgentRegistered(Guid AgentId, [property: PersonalData] string Name, IReadOnlyList<AgentSkill> Skills, DateTimeOffset RegisteredAt);
