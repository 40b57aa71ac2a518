namespace RevoVoice.Contracts.Calls;

/// <summary>The assigned agent acts on the call.</summary>
public sealed record TakeAgentAction(Guid CommandId, Guid CallId, Guid AgentId, AgentAction Action, string? Note, string? Disposition);
