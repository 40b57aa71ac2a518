using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>A supervisor gives a queued call to an agent by hand (the router issues the same command itself).</summary>
public static class AssignAgentEndpoint
{
    public static ProblemDetails Validate(AssignAgent command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Id(command.AgentId, "agentId"));

    [WolverinePost("/calls/assignments"), Authorize(Roles = RevoVoiceRoles.Supervisor + "," + RevoVoiceRoles.Admin)]
    public static Task<CommandResult> Post(AssignAgent command, AgentAssignment assignment, HttpContext http, CancellationToken cancellationToken) =>
        assignment.AssignAsync(command, RequestOrigin.For(http, command.CommandId), cancellationToken);
}
