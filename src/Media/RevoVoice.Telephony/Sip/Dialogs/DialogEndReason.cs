namespace RevoVoice.Telephony.Sip.Dialogs;

public enum DialogEndReason
{
    /// <summary>The peer sent BYE.</summary>
    RemoteBye,

    /// <summary>We sent BYE.</summary>
    LocalBye,

    /// <summary>Our 2xx was never acknowledged (RFC 3261 13.3.1.4).</summary>
    AckTimeout,

    /// <summary>The user agent shut down.</summary>
    Shutdown,
}
