namespace RevoVoice.Contracts.Calls;

/// <summary>The caller pressed keys; digits can be account numbers or PINs.</summary>
[EventType("dtmf-received.v1")]
public sealed record DtmfReceived(Guid CallId, [property: PersonalData] string Digits);
