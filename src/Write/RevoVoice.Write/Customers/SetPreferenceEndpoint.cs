using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Customers;

/// <summary>Sets one customer preference (language, channel, preferred agent...).</summary>
public static class SetPreferenceEndpoint
{
    public static ProblemDetails Validate(SetPreference command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CustomerId, "customerId"),
        Validation.Text(command.Key, "key", Validation.MaxNameLength),
        Validation.Text(command.Value, "value", Validation.MaxNameLength));

    [WolverinePost("/customers/preferences"), Authorize(Roles = RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor + "," + RevoVoiceRoles.Admin)]
    public static Task<CommandResult> Post(SetPreference command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync<Customer>(StreamNames.Customer(command.CustomerId), command.CustomerId, command.CommandId,
            RequestOrigin.For(http, command.CommandId), create: false,
            customer => customer.SetPreference(command, time.GetUtcNow()), cancellationToken);
}
