namespace RevoVoice.Media.Sip;

/// <summary>Configuration section <c>RevoVoice:Rtp</c>: the UDP port range for RTP/RTCP pairs.</summary>
public sealed class RtpOptions
{
    public const string Section = "RevoVoice:Rtp";

    /// <summary>The address RTP binds to and advertises in SDP; defaults to the SIP address.</summary>
    public string? Address { get; set; }

    public int PortMin { get; set; } = 20000;

    public int PortMax { get; set; } = 20999;

    /// <summary>Seconds without RTP from a peer that should be sending before the call is ended.</summary>
    public int MediaTimeoutSeconds { get; set; } = 60;

    /// <summary>Run the media clock threads at real-time priority (SCHED_FIFO) when the OS permits, so packet pacing survives a busy machine.</summary>
    public bool RealtimeClock { get; set; }
}
