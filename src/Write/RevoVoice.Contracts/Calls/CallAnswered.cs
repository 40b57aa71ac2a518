namespace RevoVoice.Contracts.Calls;

/// <summary>The bot answered the call.</summary>
[EventType("call-answered.v1")]
public sealed record CallAnswered(Guid CallId, DateTimeOffset AnsweredAt);
