namespace RevoVoice.Contracts.Customers;

/// <summary>Change a customer's standing consent.</summary>
public sealed record ChangeConsent(Guid CommandId, Guid CustomerId, ConsentKind Consent, bool Granted);
