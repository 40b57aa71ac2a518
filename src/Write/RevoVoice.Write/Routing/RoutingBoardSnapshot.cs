namespace RevoVoice.Write.Routing;

/// <summary>
/// What a <see cref="RoutingBoard"/> has folded, saved so the router restarts from it instead of from the start of the
/// log. Assignments the router has in flight are not part of it: after a restart their events are in the log or they
/// never happened.
/// </summary>
public sealed record RoutingBoardSnapshot(
    int Version,
    IReadOnlyList<WaitingCall> Waiting,
    IReadOnlyList<AgentSeat> Agents,
    IReadOnlyDictionary<Guid, Guid> AssignedTo,
    IReadOnlyList<Guid> Ended,
    IReadOnlyList<SettledCall> Settled)
{
    /// <summary>Changes whenever the board folds differently; a snapshot of another version is not used.</summary>
    public const int CurrentVersion = 1;
}
