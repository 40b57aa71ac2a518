using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Agents;

/// <summary>An agent goes available, away or offline. An agent's token may change only its own status.</summary>
public static class ChangeAgentStatusEndpoint
{
    public static ProblemDetails Validate(ChangeAgentStatus command, HttpContext http)
    {
        if (http.User.IsInRole(RevoVoiceRoles.Agent)
            && !(Guid.TryParse(http.User.FindFirst("sub")?.Value, out var self) && self == command.AgentId))
            return new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "An agent may change only their own status.",
            };
        return Validation.Result(
            Validation.Id(command.CommandId, "commandId"),
            Validation.Id(command.AgentId, "agentId"),
            Validation.Defined(command.Status, "status"));
    }

    [WolverinePost("/agents/status"), Authorize(Roles = RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor + "," + RevoVoiceRoles.Admin)]
    public static Task<CommandResult> Post(ChangeAgentStatus command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync<Agent>(StreamNames.Agent(command.AgentId), command.AgentId, command.CommandId,
            RequestOrigin.For(http, command.CommandId), create: false,
            agent => agent.ChangeStatus(command.Status, time.GetUtcNow()), cancellationToken);
}
