namespace RevoVoice.Contracts.Customers;

/// <summary>The caller of a call is this customer. Appended to the call's stream, so the call knows whose personal data it holds.</summary>
[EventType("customer-identified.v1")]
public sealed record CustomerIdentified(Guid CustomerId, Guid CallId, string Method, DateTimeOffset IdentifiedAt);
