using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Customers;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>
/// The caller was identified as a registered customer; the call's later personal data is then encrypted under the
/// customer's key. The customer's stream notes the call, so forgetting the customer also destroys the call's key, under
/// which everything said before the identification is encrypted. A retry with the same command id finishes both steps.
/// </summary>
public static class IdentifyCustomerEndpoint
{
    public static ProblemDetails Validate(IdentifyCustomer command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Id(command.CustomerId, "customerId"));

    [WolverinePost("/calls/identification"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor)]
    public static async Task<CommandResult> Post(IdentifyCustomer command, AggregateStore aggregates, IEventStore store, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var stream = StreamNames.Customer(command.CustomerId);
        var customer = await aggregates.GetAsync<Customer>(stream, command.CustomerId, cancellationToken);
        if (!customer.Exists) throw new NotFoundException($"Customer {command.CustomerId} does not exist.");
        if (customer.Forgotten) throw new StateConflictException($"Customer {command.CustomerId} has been forgotten.");
        var result = await aggregates.OnCallAsync(command.CallId, command.CommandId, http,
            call => call.IdentifyCustomer(command.CustomerId, time.GetUtcNow()), cancellationToken);
        try
        {
            await aggregates.ExecuteAsync<Customer>(stream, command.CustomerId, command.CommandId, RequestOrigin.For(http, command.CommandId),
                create: false, c => c.IdentifiedOnCall(command.CallId, time.GetUtcNow()), cancellationToken);
        }
        catch (StateConflictException)
        {
            // Forgotten in the meantime: the call's earlier personal data goes with the customer's.
            await store.ForgetAsync(StreamNames.Call(command.CallId), cancellationToken);
            throw;
        }
        return result;
    }
}
