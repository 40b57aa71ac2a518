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

/// <summary>The assigned agent hands the call back to a queue (the router finds the next agent) and is free again.</summary>
public static class TransferCallEndpoint
{
    public static ProblemDetails Validate(TransferCall command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Id(command.AgentId, "agentId"),
        Validation.Text(command.ToQueue, "toQueue", Validation.MaxNameLength),
        Validation.Range(command.Priority, 0, 9, "priority"),
        Validation.Text(command.Reason, "reason", Validation.MaxNameLength),
        command.Skills?.Any(string.IsNullOrWhiteSpace) == true ? "skills must not contain empty names." : null);

    [WolverinePost("/calls/transfers"), Authorize(Roles = RevoVoiceRoles.Agent + "," + RevoVoiceRoles.Supervisor)]
    public static async Task<CommandResult> Post(TransferCall command, AggregateStore aggregates, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var origin = RequestOrigin.For(http, command.CommandId);
        var result = await aggregates.ExecuteAsync<Call>(StreamNames.Call(command.CallId), command.CallId, command.CommandId, origin,
            create: false, call => call.Transfer(command, time.GetUtcNow()), cancellationToken);
        await aggregates.ExecuteAsync<Agent>(StreamNames.Agent(command.AgentId), command.AgentId, command.CommandId, origin,
            create: false, agent => agent.Release(command.CallId, time.GetUtcNow()), cancellationToken);
        return result;
    }
}
