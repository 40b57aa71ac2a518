namespace RevoVoice.Contracts.Calls;

/// <summary>Media: the caller interrupted the bot.</summary>
public sealed record RecordBargeIn(Guid CommandId, Guid CallId, long AtMs);
