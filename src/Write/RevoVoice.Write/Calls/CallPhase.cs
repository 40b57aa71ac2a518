namespace RevoVoice.Write.Calls;

/// <summary>Where a call is in its life; the order of the members is the order a call goes through them.</summary>
public enum CallPhase
{
    /// <summary>No such call yet.</summary>
    None,
    Ringing,
    /// <summary>The bot is talking with the caller.</summary>
    InConversation,
    Escalated,
    Queued,
    WithAgent,
    Ended,
}
