namespace RevoVoice.Media.Calls;

/// <summary>Why a call ended; reported to Write with the EndCall command.</summary>
public enum CallEndReason
{
    /// <summary>The caller sent BYE.</summary>
    CallerHungUp,

    /// <summary>The platform (a call application) hung up.</summary>
    PlatformHungUp,

    /// <summary>The caller cancelled before we answered.</summary>
    Cancelled,

    /// <summary>The call was transferred away (REFER accepted).</summary>
    Transferred,

    /// <summary>No RTP arrived for too long, or the ACK never came.</summary>
    MediaTimeout,

    /// <summary>The service is shutting down.</summary>
    Shutdown,

    /// <summary>The call application failed.</summary>
    Failed,
}
