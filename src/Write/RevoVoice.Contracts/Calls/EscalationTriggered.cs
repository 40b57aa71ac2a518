namespace RevoVoice.Contracts.Calls;

/// <summary>The call is to be handed to a human agent.</summary>
[EventType("escalation-triggered.v1")]
public sealed record EscalationTriggered(Guid CallId, string Reason, DateTimeOffset EscalatedAt);
