namespace RevoVoice.Contracts.Calls;

/// <summary>Media: the bot spoke.</summary>
public sealed record RecordBotResponse(Guid CommandId, Guid CallId, string Text, int LatencyMs);
