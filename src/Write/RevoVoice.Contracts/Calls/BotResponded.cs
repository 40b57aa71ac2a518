namespace RevoVoice.Contracts.Calls;

/// <summary>The bot spoke an answer; its text can repeat what the caller said, so it is personal data.</summary>
[EventType("bot-responded.v1")]
public sealed record BotResponded(Guid CallId, [property: PersonalData] string Text, int LatencyMs);
