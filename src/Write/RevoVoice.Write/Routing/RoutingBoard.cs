using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;

namespace RevoVoice.Write.Routing;

/// <summary>
/// The router's picture of waiting calls and agents, folded from the event stream. It may lag or run ahead of the
/// streams; that is safe because every assignment it proposes is checked again by the call and agent aggregates.
/// Not thread-safe: the router serialises access.
/// </summary>
public sealed class RoutingBoard
{
    public static IReadOnlyList<string> EventTypes { get; } =
    [
        "call-queued.v1", "agent-assigned.v1", "call-ended.v1", "agent-registered.v1", "agent-status-changed.v1",
    ];

    private readonly Dictionary<Guid, WaitingCall> _waiting = [];
    private readonly Dictionary<Guid, AgentSeat> _agents = [];

    // Assignments the router made whose events the subscription has not delivered yet: their call and agent are
    // left out of matching until then, so the router does not propose them again.
    private readonly Dictionary<Guid, Guid> _pendingAgents = [];
    private readonly HashSet<Guid> _pendingCalls = [];

    // Who got each call, and which calls ended: enough to tell an agent stranded by a crash between claiming a call
    // and assigning it (their call went to someone else, or ended without them). Kept for SettledMemory of event time
    // after the call settled, and for as long as an agent is still busy with it; _settled is that memory's queue.
    private readonly Dictionary<Guid, Guid> _assignedTo = [];
    private readonly HashSet<Guid> _ended = [];
    private readonly Queue<(DateTimeOffset SettledAt, Guid CallId)> _settled = new();

    /// <summary>
    /// How long, in event time, the board remembers a call that was assigned or ended. A claim on an agent is made
    /// while the call waits and is appended moments before the assignment that settles it, so an hour is ample.
    /// </summary>
    public static readonly TimeSpan SettledMemory = TimeSpan.FromHours(1);

    public int WaitingCount => _waiting.Count;

    /// <summary>Settled calls the board still remembers (bounded by <see cref="SettledMemory"/>, not by the log's age).</summary>
    public int SettledCount => _assignedTo.Keys.Union(_ended).Count();

    public void Apply(ResolvedEvent resolved)
    {
        switch (resolved.Event)
        {
            case CallQueued e:
                _waiting[e.CallId] = new WaitingCall(e.CallId, e.Queue, e.Skills, e.Priority, e.QueuedAt, resolved.Position,
                    resolved.EventId, resolved.Metadata.CorrelationId);
                break;
            case AgentAssigned e:
                _waiting.Remove(e.CallId);
                _pendingCalls.Remove(e.CallId);
                _assignedTo[e.CallId] = e.AgentId;
                Settled(e.CallId, e.AssignedAt);
                break;
            case CallEnded e:
                _waiting.Remove(e.CallId);
                _ended.Add(e.CallId);
                Settled(e.CallId, e.EndedAt);
                break;
            case AgentRegistered e:
                _agents[e.AgentId] = new AgentSeat(e.AgentId, e.Skills, AgentStatus.Offline, e.RegisteredAt, null);
                break;
            case AgentStatusChanged e when _agents.TryGetValue(e.AgentId, out var seat):
                var busyWith = e.To == AgentStatus.Busy ? e.CallId : seat.LastCallId;
                _agents[e.AgentId] = seat with { Status = e.To, Since = e.ChangedAt, LastCallId = busyWith };
                if (e.To == AgentStatus.Busy && _pendingAgents.TryGetValue(e.AgentId, out var pending) && pending == e.CallId)
                    _pendingAgents.Remove(e.AgentId);
                break;
        }
    }

    private void Settled(Guid callId, DateTimeOffset at)
    {
        _settled.Enqueue((at, callId));
        HashSet<Guid>? busyWith = null;
        while (_settled.TryPeek(out var oldest) && oldest.SettledAt < at - SettledMemory)
        {
            _settled.Dequeue();
            busyWith ??= _agents.Values.Where(a => a is { Status: AgentStatus.Busy, LastCallId: not null }).Select(a => a.LastCallId!.Value).ToHashSet();
            if (busyWith.Contains(oldest.CallId))
            {
                _settled.Enqueue((at, oldest.CallId));
                continue;
            }
            _assignedTo.Remove(oldest.CallId);
            _ended.Remove(oldest.CallId);
        }
    }

    /// <summary>What the board has folded (not the assignments in flight), for <see cref="Restore"/> after a restart.</summary>
    public RoutingBoardSnapshot Snapshot() => new(
        RoutingBoardSnapshot.CurrentVersion,
        [.. _waiting.Values],
        [.. _agents.Values],
        new Dictionary<Guid, Guid>(_assignedTo),
        [.. _ended],
        [.. _settled.Select(s => new SettledCall(s.CallId, s.SettledAt))]);

    /// <summary>Replaces everything the board knows with <paramref name="snapshot"/>.</summary>
    public void Restore(RoutingBoardSnapshot snapshot)
    {
        if (snapshot.Version != RoutingBoardSnapshot.CurrentVersion)
            throw new ArgumentException($"A version {snapshot.Version} snapshot cannot be restored by version {RoutingBoardSnapshot.CurrentVersion}.", nameof(snapshot));
        Reset();
        foreach (var call in snapshot.Waiting) _waiting[call.CallId] = call;
        foreach (var agent in snapshot.Agents) _agents[agent.AgentId] = agent;
        foreach (var (callId, agentId) in snapshot.AssignedTo) _assignedTo[callId] = agentId;
        _ended.UnionWith(snapshot.Ended);
        foreach (var settled in snapshot.Settled) _settled.Enqueue((settled.SettledAt, settled.CallId));
    }

    public void Reset()
    {
        _waiting.Clear();
        _agents.Clear();
        _pendingAgents.Clear();
        _pendingCalls.Clear();
        _assignedTo.Clear();
        _ended.Clear();
        _settled.Clear();
    }

    /// <summary>
    /// Agents busy with a call that can never become theirs: it was assigned to another agent, or it ended without
    /// them. That happens only when an assignment stopped between claiming the agent and assigning the call.
    /// </summary>
    public IReadOnlyList<(Guid AgentId, Guid CallId)> Stranded() =>
        _agents.Values
            .Where(a => a is { Status: AgentStatus.Busy, LastCallId: not null } && !_pendingAgents.ContainsKey(a.AgentId))
            .Where(a => _assignedTo.TryGetValue(a.LastCallId!.Value, out var holder)
                ? holder != a.AgentId
                : _ended.Contains(a.LastCallId!.Value))
            .Select(a => (a.AgentId, a.LastCallId!.Value))
            .ToList();

    /// <summary>
    /// Records an assignment the router just made, until its events come back through the subscription (unless they
    /// already have: then there is nothing to wait for).
    /// </summary>
    public void Assigned(Guid callId, Guid agentId)
    {
        if (_waiting.ContainsKey(callId)) _pendingCalls.Add(callId);
        if (_agents.TryGetValue(agentId, out var seat) && seat.LastCallId != callId) _pendingAgents[agentId] = callId;
    }

    /// <summary>
    /// Pairs waiting calls with available agents: calls by highest priority, then longest waiting; each call gets the
    /// free agent whose skills match best (then the one idle longest). A call no free agent can serve waits.
    /// </summary>
    public IReadOnlyList<(WaitingCall Call, Guid AgentId)> Match()
    {
        var free = _agents.Values
            .Where(a => a.Status == AgentStatus.Available && !_pendingAgents.ContainsKey(a.AgentId))
            .OrderBy(a => a.Since)
            .ToList();
        var pairs = new List<(WaitingCall, Guid)>();
        if (free.Count == 0) return pairs;
        foreach (var call in _waiting.Values.Where(c => !_pendingCalls.Contains(c.CallId)).OrderByDescending(c => c.Priority).ThenBy(c => c.QueuedAt).ThenBy(c => c.Position))
        {
            AgentSeat? best = null;
            var bestScore = -1;
            foreach (var agent in free)
            {
                if (SkillMatch.Score(agent.Skills, call.Skills) is { } score && score > bestScore)
                {
                    best = agent;
                    bestScore = score;
                }
            }
            if (best is null) continue;
            pairs.Add((call, best.AgentId));
            free.Remove(best);
            if (free.Count == 0) break;
        }
        return pairs;
    }
}
