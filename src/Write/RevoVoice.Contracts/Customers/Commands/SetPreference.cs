namespace RevoVoice.Contracts.Customers;

/// <summary>Set one customer preference.</summary>
public sealed record SetPreference(Guid CommandId, Guid CustomerId, string Key, string Value);
