using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Hand the call over to a human.</summary>
public static class EscalateCallEndpoint
{
    public static ProblemDetails Validate(EscalateCall command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.Reason, "reason", Validation.MaxNameLength));

    [WolverinePost("/calls/escalations"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor)]
    public static Task<CommandResult> Post(EscalateCall command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.Escalate(command, time.GetUtcNow()), cancellationToken);
}
