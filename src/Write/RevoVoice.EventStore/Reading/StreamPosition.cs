namespace RevoVoice.EventStore;

/// <summary>Well-known stream revisions to read from: <see cref="Start"/> (revision 0) and <see cref="End"/> (the last event, for backwards reads).</summary>
public static class StreamPosition
{
    /// <summary>The first revision.</summary>
    public const long Start = 0;

    /// <summary>Past the last revision: read backwards from here to get the newest event first.</summary>
    public const long End = long.MaxValue;
}
