namespace RevoVoice.Contracts.Customers;

/// <summary>
/// A call that began anonymous was identified as this customer. Appended to the customer's stream: what the caller
/// said before that is encrypted under the call's key, which forgetting the customer must destroy too.
/// </summary>
[EventType("customer-identified-on-call.v1")]
public sealed record CustomerIdentifiedOnCall(Guid CustomerId, Guid CallId, DateTimeOffset IdentifiedAt);
