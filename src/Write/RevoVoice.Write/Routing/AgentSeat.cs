using RevoVoice.Contracts.Agents;

namespace RevoVoice.Write.Routing;

/// <summary>
/// An agent as the router sees them; <see cref="Since"/> is when the status began (the longest idle agent wins ties),
/// <see cref="LastCallId"/> the last call that made them busy.
/// </summary>
public sealed record AgentSeat(Guid AgentId, IReadOnlyList<AgentSkill> Skills, AgentStatus Status, DateTimeOffset Since, Guid? LastCallId);
