namespace RevoVoice.Contracts.Calls;

/// <summary>The assigned agent did something on the call; <c>Note</c> is free text and so personal data.</summary>
[EventType("agent-action-taken.v1")]
public sealed record AgentActionTaken(Guid CallId, Guid AgentId, AgentAction Action, [property: PersonalData] string? Note, string? Disposition, DateTimeOffset TakenAt);
