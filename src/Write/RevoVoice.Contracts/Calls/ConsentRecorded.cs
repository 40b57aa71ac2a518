namespace RevoVoice.Contracts.Calls;

/// <summary>The caller gave or refused consent during the call.</summary>
[EventType("consent-recorded.v1")]
public sealed record ConsentRecorded(Guid CallId, ConsentKind Consent, bool Granted, DateTimeOffset RecordedAt);
