using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.Write.Agents;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Calls;

/// <summary>
/// Gives a queued call to an available agent, issued by the router (or a supervisor). Two streams change, so the
/// order matters: first the agent is claimed (an append on the agent's stream that only an available agent allows,
/// so an agent never holds two calls), then the call is assigned (an append that only a queued call allows, so a
/// call never gets two agents). If the call was taken meanwhile, the agent is released again.
/// </summary>
public sealed class AgentAssignment(AggregateStore aggregates, TimeProvider time)
{
    public async Task<CommandResult> AssignAsync(AssignAgent command, CommandOrigin origin, CancellationToken cancellationToken)
    {
        var callStream = StreamNames.Call(command.CallId);
        var agentStream = StreamNames.Agent(command.AgentId);
        var call = await aggregates.GetAsync<Call>(callStream, command.CallId, cancellationToken);
        if (!call.Exists) throw new NotFoundException($"Call {command.CallId} does not exist.");
        var now = time.GetUtcNow();
        // A retry of an assignment that went through answers its original result; the agent is not claimed again.
        if (call.AgentId == command.AgentId)
            return await aggregates.ExecuteAsync<Call>(callStream, command.CallId, command.CommandId, origin, create: false,
                c => c.AssignAgent(command.AgentId, now), cancellationToken);
        // Refuse before the agent is claimed when the call cannot take an agent (throws with the call's own reason).
        _ = call.AssignAgent(command.AgentId, now);

        // Claim and release are idempotent by state (busy with this call / not busy with it), so each runs under a
        // fresh id: a retried command must claim the agent again if an earlier attempt released them.
        await aggregates.ExecuteAsync<Agent>(agentStream, command.AgentId, Guid.NewGuid(), origin, create: false,
            agent => agent.Claim(command.CallId, now), cancellationToken);
        try
        {
            return await aggregates.ExecuteAsync<Call>(callStream, command.CallId, command.CommandId, origin, create: false,
                c => c.AssignAgent(command.AgentId, now), cancellationToken);
        }
        catch (Exception e) when (e is StateConflictException or ConcurrencyConflictException)
        {
            await aggregates.ExecuteAsync<Agent>(agentStream, command.AgentId, Guid.NewGuid(), origin, create: false,
                agent => agent.Release(command.CallId, time.GetUtcNow()), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Frees an agent left busy with a call that is not theirs (an assignment that stopped half-way), after checking
    /// the call's own stream: an agent holding a call assigned to them is never released here.
    /// </summary>
    public async Task ReleaseStrandedAsync(Guid agentId, Guid callId, CommandOrigin origin, CancellationToken cancellationToken)
    {
        var call = await aggregates.GetAsync<Call>(StreamNames.Call(callId), callId, cancellationToken);
        if (call.AgentId == agentId) return;
        if (call.Phase is not (CallPhase.WithAgent or CallPhase.Ended)) return;
        await aggregates.ExecuteAsync<Agent>(StreamNames.Agent(agentId), agentId, Guid.NewGuid(), origin, create: false,
            agent => agent.Release(callId, time.GetUtcNow()), cancellationToken);
    }
}
