namespace RevoVoice.Contracts.Customers;

/// <summary>The customer asked to be forgotten; their key is destroyed, so their personal data is unreadable everywhere.</summary>
[EventType("customer-forgotten.v1")]
public sealed record CustomerForgotten(Guid CustomerId, string Reason, DateTimeOffset ForgottenAt);
