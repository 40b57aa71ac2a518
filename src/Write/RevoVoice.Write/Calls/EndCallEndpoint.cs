using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>The call is over.</summary>
public static class EndCallEndpoint
{
    public static ProblemDetails Validate(EndCall command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.Reason, "reason", Validation.MaxNameLength));

    [WolverinePost("/calls/end"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor)]
    public static Task<CommandResult> Post(EndCall command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.End(command, time.GetUtcNow()), cancellationToken);
}
