using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Customers;

/// <summary>Finds the customer who owns a phone number, from the reservation streams (not from a read model, which may lag).</summary>
public sealed class CustomerDirectory(AggregateStore aggregates, PhoneReservations reservations)
{
    public async Task<Guid?> FindByPhoneAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        if (PhoneNumbers.Normalize(phoneNumber) is not { } e164) return null;
        var reservation = await aggregates.GetAsync<PhoneReservation>(reservations.StreamFor(e164), Guid.Empty, cancellationToken);
        return reservation.Exists ? reservation.CustomerId : null;
    }
}
