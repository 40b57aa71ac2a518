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

/// <summary>Media: a call arrived. A caller id that belongs to a registered customer identifies the customer at once.</summary>
public static class StartCallEndpoint
{
    public static ProblemDetails Validate(StartCall command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.CallerNumber, "callerNumber", 64),
        Validation.Text(command.CalledNumber, "calledNumber", 64));

    [WolverinePost("/calls"), Authorize(Roles = RevoVoiceRoles.Media)]
    public static async Task<CommandResult> Post(StartCall command, AggregateStore aggregates, CustomerDirectory customers,
        TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var customerId = await customers.FindByPhoneAsync(command.CallerNumber, cancellationToken);
        return await aggregates.ExecuteAsync<Call>(StreamNames.Call(command.CallId), command.CallId, command.CommandId,
            RequestOrigin.For(http, command.CommandId), create: true,
            call => call.Start(command, customerId, time.GetUtcNow()), cancellationToken);
    }
}
