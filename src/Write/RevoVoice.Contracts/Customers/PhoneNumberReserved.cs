namespace RevoVoice.Contracts.Customers;

/// <summary>The only event of a phone-number reservation stream: this number belongs to this customer.</summary>
[EventType("customer-phone-reserved.v1")]
public sealed record PhoneNumberReserved(Guid CustomerId, DateTimeOffset ReservedAt);
