namespace RevoVoice.Contracts.Customers;

/// <summary>Register a customer; a phone number belongs to one customer only.</summary>
public sealed record RegisterCustomer(Guid CommandId, Guid CustomerId, string Name, string PhoneNumber);
