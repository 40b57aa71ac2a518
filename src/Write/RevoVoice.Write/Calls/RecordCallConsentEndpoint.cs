using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>The caller gave or refused consent during the call.</summary>
public static class RecordCallConsentEndpoint
{
    public static ProblemDetails Validate(RecordCallConsent command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Defined(command.Consent, "consent"));

    [WolverinePost("/calls/consents"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent)]
    public static Task<CommandResult> Post(RecordCallConsent command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.RecordConsent(command, time.GetUtcNow()), cancellationToken);
}
