using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Agents;

/// <summary>
/// A human agent folded from their stream, with the rules of their availability. Busy is entered only by
/// claiming a call (assignment) and left only by releasing that call (wrap-up or transfer), so an agent
/// can never hold two calls: the claim is an append with the agent stream's expected revision.
/// </summary>
public sealed record Agent(Guid Id, bool Exists, IReadOnlyList<AgentSkill> Skills, AgentStatus Status, Guid? CurrentCallId)
    : IAggregate<Agent>
{
    public static Agent Empty(Guid id) => new(id, false, [], AgentStatus.Offline, null);

    public string DataSubject => StreamNames.Agent(Id);

    public Agent Apply(object @event) => @event switch
    {
        AgentRegistered e => this with { Exists = true, Skills = e.Skills, Status = AgentStatus.Offline },
        AgentStatusChanged e => this with { Status = e.To, CurrentCallId = e.To == AgentStatus.Busy ? e.CallId : null },
        _ => this,
    };

    public IReadOnlyList<object> Register(RegisterAgent command, DateTimeOffset now)
    {
        if (Exists) throw new StateConflictException($"Agent {Id} is already registered.");
        return [new AgentRegistered(Id, command.Name, command.Skills, now)];
    }

    public IReadOnlyList<object> ChangeStatus(AgentStatus status, DateTimeOffset now)
    {
        if (status == AgentStatus.Busy)
            throw new RuleViolationException("An agent becomes busy by being assigned a call, not by setting the status.");
        if (Status == AgentStatus.Busy)
            throw new StateConflictException($"Agent {Id} is busy with call {CurrentCallId}; wrap it up first.");
        return Status == status ? [] : [new AgentStatusChanged(Id, Status, status, null, now)];
    }

    /// <summary>The agent takes a call: only an available agent can, and claiming the same call again changes nothing.</summary>
    public IReadOnlyList<object> Claim(Guid callId, DateTimeOffset now)
    {
        if (Status == AgentStatus.Busy && CurrentCallId == callId) return [];
        if (Status != AgentStatus.Available)
            throw new StateConflictException(Status == AgentStatus.Busy
                ? $"Agent {Id} is busy with another call."
                : $"Agent {Id} is {Status.ToString().ToLowerInvariant()}, not available.");
        return [new AgentStatusChanged(Id, AgentStatus.Available, AgentStatus.Busy, callId, now)];
    }

    /// <summary>The agent is done with a call and available again; releasing a call they do not hold changes nothing.</summary>
    public IReadOnlyList<object> Release(Guid callId, DateTimeOffset now) =>
        Status == AgentStatus.Busy && CurrentCallId == callId
            ? [new AgentStatusChanged(Id, AgentStatus.Busy, AgentStatus.Available, callId, now)]
            : [];
}
