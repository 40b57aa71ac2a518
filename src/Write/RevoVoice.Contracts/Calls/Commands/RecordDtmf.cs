namespace RevoVoice.Contracts.Calls;

/// <summary>Media: the caller pressed keys.</summary>
public sealed record RecordDtmf(Guid CommandId, Guid CallId, string Digits);
