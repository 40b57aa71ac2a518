using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Customers;

/// <summary>Changes a customer's standing consent (recording, AI processing, marketing).</summary>
public static class ChangeConsentEndpoint
{
    public static ProblemDetails Validate(ChangeConsent command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CustomerId, "customerId"),
        Validation.Defined(command.Consent, "consent"));

    [WolverinePost("/customers/consents"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor + "," + RevoVoiceRoles.Admin)]
    public static Task<CommandResult> Post(ChangeConsent command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync<Customer>(StreamNames.Customer(command.CustomerId), command.CustomerId, command.CommandId,
            RequestOrigin.For(http, command.CommandId), create: false,
            customer => customer.ChangeConsent(command, time.GetUtcNow()), cancellationToken);
}
