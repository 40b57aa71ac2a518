namespace RevoVoice.Contracts.Agents;

/// <summary>A skill an agent has, with a level from 1 (basic) to 5 (expert).</summary>
public sealed record AgentSkill(string Skill, int Level);
