using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Agents;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>The assigned agent acts on the call; wrap-up (after the call ended) frees the agent for the next call.</summary>
public static class TakeAgentActionEndpoint
{
    public static ProblemDetails Validate(TakeAgentAction command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Id(command.AgentId, "agentId"),
        Validation.Defined(command.Action, "action"),
        command.Action == AgentAction.Note ? Validation.Text(command.Note, "note") : null,
        command.Note is { Length: > Validation.MaxTextLength } ? $"note must be at most {Validation.MaxTextLength} characters." : null,
        command.Action == AgentAction.Disposition ? Validation.Text(command.Disposition, "disposition", Validation.MaxNameLength) : null);

    [WolverinePost("/calls/agent-actions"), Authorize(Roles = RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor)]
    public static async Task<CommandResult> Post(TakeAgentAction command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var origin = RequestOrigin.For(http, command.CommandId);
        var result = await aggregates.ExecuteAsync<Call>(StreamNames.Call(command.CallId), command.CallId, command.CommandId, origin,
            create: false, call => call.TakeAgentAction(command, time.GetUtcNow()), cancellationToken);
        if (command.Action == AgentAction.WrapUp)
            await aggregates.ExecuteAsync<Agent>(StreamNames.Agent(command.AgentId), command.AgentId, command.CommandId, origin,
                create: false, agent => agent.Release(command.CallId, time.GetUtcNow()), cancellationToken);
        return result;
    }
}
