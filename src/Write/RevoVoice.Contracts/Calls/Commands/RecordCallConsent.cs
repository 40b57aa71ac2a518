namespace RevoVoice.Contracts.Calls;

/// <summary>The caller gave or refused consent during the call.</summary>
public sealed record RecordCallConsent(Guid CommandId, Guid CallId, ConsentKind Consent, bool Granted);
