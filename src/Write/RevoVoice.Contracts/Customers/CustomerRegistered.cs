namespace RevoVoice.Contracts.Customers;

/// <summary>A customer was registered with the phone number they call from.</summary>
[EventType("customer-registered.v1")]
public sealed record CustomerRegistered(Guid CustomerId, [property: PersonalData] string Name, [property: PersonalData] string PhoneNumber, DateTimeOffset RegisteredAt);
