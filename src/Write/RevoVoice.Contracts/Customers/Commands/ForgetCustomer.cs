namespace RevoVoice.Contracts.Customers;

/// <summary>Erase a customer's personal data by destroying their key (crypto-shredding).</summary>
public sealed record ForgetCustomer(Guid CommandId, Guid CustomerId, string Reason);
