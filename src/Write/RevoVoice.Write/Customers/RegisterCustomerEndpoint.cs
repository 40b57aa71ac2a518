using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Customers;

/// <summary>
/// Registers a customer. The phone number is reserved first, on its own stream appended with "no stream"
/// expected, so two customers can never hold the same number, even when registered at the same instant.
/// </summary>
public static class RegisterCustomerEndpoint
{
    public static ProblemDetails Validate(RegisterCustomer command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CustomerId, "customerId"),
        Validation.Text(command.Name, "name", Validation.MaxNameLength),
        PhoneNumbers.Normalize(command.PhoneNumber) is null ? "phoneNumber must be an international number such as +441632960123." : null);

    [WolverinePost("/customers"), Authorize(Roles = RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor + "," + RevoVoiceRoles.Admin)]
    public static async Task<CommandResult> Post(RegisterCustomer command, AggregateStore aggregates, PhoneReservations reservations,
        TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var origin = RequestOrigin.For(http, command.CommandId);
        var stream = StreamNames.Customer(command.CustomerId);
        var existing = await aggregates.GetAsync<Customer>(stream, command.CustomerId, cancellationToken);
        var phone = PhoneNumbers.Normalize(command.PhoneNumber)!;
        if (existing.Exists && existing.PhoneNumber != phone)
            throw new StateConflictException($"Customer {command.CustomerId} is already registered.");

        await aggregates.ExecuteAsync<PhoneReservation>(reservations.StreamFor(phone), Guid.Empty,
            command.CommandId, origin, create: true, reservation => reservation.Reserve(command.CustomerId, time.GetUtcNow()), cancellationToken);
        return await aggregates.ExecuteAsync<Customer>(stream, command.CustomerId, command.CommandId, origin, create: true,
            customer => customer.Register(command, phone, time.GetUtcNow()), cancellationToken);
    }
}
