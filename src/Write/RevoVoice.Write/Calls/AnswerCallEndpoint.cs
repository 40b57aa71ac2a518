using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Media: the bot answered the call.</summary>
public static class AnswerCallEndpoint
{
    public static ProblemDetails Validate(AnswerCall command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"));

    [WolverinePost("/calls/answer"), Authorize(Roles = RevoVoiceRoles.Media)]
    public static Task<CommandResult> Post(AnswerCall command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.Answer(time.GetUtcNow()), cancellationToken);
}
