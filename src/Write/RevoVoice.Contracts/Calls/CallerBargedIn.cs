namespace RevoVoice.Contracts.Calls;

/// <summary>The caller spoke over the bot, which stopped its playback.</summary>
[EventType("caller-barged-in.v1")]
public sealed record CallerBargedIn(Guid CallId, long AtMs);
