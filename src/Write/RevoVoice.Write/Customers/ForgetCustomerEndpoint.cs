using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.EventStore;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Customers;

/// <summary>
/// Forgets a customer: records that they asked, frees their phone number and destroys their key and the keys of the
/// calls identified as theirs after they began, so their personal data reads as erased everywhere while the history
/// stays intact. Every step is idempotent, so a retried command finishes what a failed one started.
/// </summary>
public static class ForgetCustomerEndpoint
{
    public static ProblemDetails Validate(ForgetCustomer command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CustomerId, "customerId"),
        Validation.Text(command.Reason, "reason", Validation.MaxNameLength));

    [WolverinePost("/customers/forget"), Authorize(Roles = RevoVoiceRoles.Admin)]
    public static async Task<CommandResult> Post(ForgetCustomer command, AggregateStore aggregates, PhoneReservations reservations,
        IEventStore store, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = StreamNames.Customer(command.CustomerId);
        var customer = await aggregates.GetAsync<Customer>(stream, command.CustomerId, cancellationToken);
        // Before the forgetting: a forgotten customer's state no longer holds the number, so a retry could not free it.
        if (customer.PhoneNumber is { } phone)
            await aggregates.DeleteStreamAsync(reservations.StreamFor(phone), cancellationToken);
        var result = await aggregates.ExecuteAsync<Customer>(stream, command.CustomerId, command.CommandId,
            RequestOrigin.For(http, command.CommandId), create: false, c => c.Forget(command, time.GetUtcNow()), cancellationToken);
        // Read once forgotten: no call can be noted any more, so the list is complete.
        var forgotten = await aggregates.GetAsync<Customer>(stream, command.CustomerId, cancellationToken);
        foreach (var callId in forgotten.CallsIdentifiedLate) await store.ForgetAsync(StreamNames.Call(callId), cancellationToken);
        await store.ForgetAsync(customer.DataSubject, cancellationToken);
        return result;
    }
}
