using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Agents;

/// <summary>Registers a human agent with their skills (levels 1-5); they start offline.</summary>
public static class RegisterAgentEndpoint
{
    public static ProblemDetails Validate(RegisterAgent command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.AgentId, "agentId"),
        Validation.Text(command.Name, "name", Validation.MaxNameLength),
        command.Skills is null or { Count: 0 } ? "skills must name at least one skill." : null,
        command.Skills?.Any(s => s is null || string.IsNullOrWhiteSpace(s.Skill)) == true ? "every skill needs a name." : null,
        command.Skills?.Any(s => s is not null && s.Level is < 1 or > 5) == true ? "skill levels are 1 (basic) to 5 (expert)." : null,
        command.Skills?.Where(s => s is not null).GroupBy(s => s.Skill.ToLowerInvariant()).Any(g => g.Count() > 1) == true ? "a skill may be listed once." : null);

    [WolverinePost("/agents"), Authorize(Roles = RevoVoiceRoles.Supervisor + "," + RevoVoiceRoles.Admin)]
    public static Task<CommandResult> Post(RegisterAgent command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync<Agent>(StreamNames.Agent(command.AgentId), command.AgentId, command.CommandId,
            RequestOrigin.For(http, command.CommandId), create: true,
            agent => agent.Register(command, time.GetUtcNow()), cancellationToken);
}
