using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Put an escalated call in a queue; the router gives it to an agent.</summary>
public static class QueueCallEndpoint
{
    public static ProblemDetails Validate(QueueCall command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.Queue, "queue", Validation.MaxNameLength),
        Validation.Range(command.Priority, 0, 9, "priority"),
        command.Skills?.Any(string.IsNullOrWhiteSpace) == true ? "skills must not contain empty names." : null);

    [WolverinePost("/calls/queue"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Supervisor)]
    public static Task<CommandResult> Post(QueueCall command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.Enqueue(command, time.GetUtcNow()), cancellationToken);
}
