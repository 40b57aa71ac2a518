namespace RevoVoice.EventStore;

/// <summary>Read direction: forwards (oldest first) or backwards (newest first).</summary>
public enum Direction
{
    /// <summary>Oldest first.</summary>
    Forwards,
    /// <summary>Newest first.</summary>
    Backwards,
}
