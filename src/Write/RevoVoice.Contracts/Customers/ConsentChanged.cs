namespace RevoVoice.Contracts.Customers;

/// <summary>A customer's standing consent changed.</summary>
[EventType("consent-changed.v1")]
public sealed record ConsentChanged(Guid CustomerId, ConsentKind Consent, bool Granted, DateTimeOffset ChangedAt);
