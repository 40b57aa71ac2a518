using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Customers;

/// <summary>
/// The reservation of one phone number: a stream whose first event says which customer owns the number.
/// Two registrations racing for a number both append with "no stream" expected, so exactly one wins.
/// </summary>
public sealed record PhoneReservation(Guid Id, bool Exists, Guid CustomerId) : IAggregate<PhoneReservation>
{
    public static PhoneReservation Empty(Guid id) => new(id, false, Guid.Empty);

    public string DataSubject => StreamNames.Customer(CustomerId);

    public PhoneReservation Apply(object @event) => @event switch
    {
        PhoneNumberReserved e => this with { Exists = true, CustomerId = e.CustomerId },
        _ => this,
    };

    public IReadOnlyList<object> Reserve(Guid customerId, DateTimeOffset now)
    {
        if (Exists && CustomerId != customerId)
            throw new StateConflictException("This phone number is already registered to another customer.");
        return Exists ? [] : [new PhoneNumberReserved(customerId, now)];
    }
}
