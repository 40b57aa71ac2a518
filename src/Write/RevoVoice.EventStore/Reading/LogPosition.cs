namespace RevoVoice.EventStore;

/// <summary>
/// Well-known global positions in <c>$all</c>. Positions start at 1 and only grow; gaps are allowed (rolled-back
/// transactions burn positions). A subscription checkpoint is the position of the last event handled, 0 for none.
/// </summary>
public static class LogPosition
{
    /// <summary>Before the first event: read or subscribe from here to get everything.</summary>
    public const long Start = 0;

    /// <summary>Past the last event: read backwards from here to get the newest event first.</summary>
    public const long End = long.MaxValue;
}
