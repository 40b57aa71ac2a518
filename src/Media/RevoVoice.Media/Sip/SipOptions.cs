namespace RevoVoice.Media.Sip;

/// <summary>Configuration section <c>RevoVoice:Sip</c>: where the SIP listener binds (UDP).</summary>
public sealed class SipOptions
{
    public const string Section = "RevoVoice:Sip";

    public string Address { get; set; } = "127.0.0.1";

    /// <summary>5060 by convention; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5060;
}
