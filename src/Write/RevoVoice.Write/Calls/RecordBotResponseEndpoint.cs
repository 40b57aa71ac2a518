using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Media: the bot spoke an answer.</summary>
public static class RecordBotResponseEndpoint
{
    public static ProblemDetails Validate(RecordBotResponse command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.Text, "text"),
        Validation.Range(command.LatencyMs, 0, 600_000, "latencyMs"));

    [WolverinePost("/calls/bot-responses"), Authorize(Roles = RevoVoiceRoles.Media)]
    public static Task<CommandResult> Post(RecordBotResponse command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.RecordBotResponse(command), cancellationToken);
}
