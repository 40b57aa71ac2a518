using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Media: the caller spoke over the bot.</summary>
public static class RecordBargeInEndpoint
{
    public static ProblemDetails Validate(RecordBargeIn command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Range(command.AtMs, 0, long.MaxValue, "atMs"));

    [WolverinePost("/calls/barge-ins"), Authorize(Roles = RevoVoiceRoles.Media)]
    public static Task<CommandResult> Post(RecordBargeIn command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.RecordBargeIn(command), cancellationToken);
}
