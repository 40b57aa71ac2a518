using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Customers;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>The caller was identified as a registered customer; the call's later personal data is then encrypted under the customer's key.</summary>
public static class IdentifyCustomerEndpoint
{
    public static ProblemDetails Validate(IdentifyCustomer command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Id(command.CustomerId, "customerId"));

    [WolverinePost("/calls/identification"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor)]
    public static async Task<CommandResult> Post(IdentifyCustomer command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var customer = await aggregates.GetAsync<Customer>(StreamNames.Customer(command.CustomerId), command.CustomerId, cancellationToken);
        if (!customer.Exists) throw new NotFoundException($"Customer {command.CustomerId} does not exist.");
        if (customer.Forgotten) throw new StateConflictException($"Customer {command.CustomerId} has been forgotten.");
        return await aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.IdentifyCustomer(command.CustomerId, time.GetUtcNow()), cancellationToken);
    }
}
