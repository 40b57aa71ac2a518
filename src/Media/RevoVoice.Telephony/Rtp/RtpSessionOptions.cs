namespace RevoVoice.Telephony.Rtp;

public sealed record RtpSessionOptions
{
    /// <summary>No RTP from a peer that should be sending for this long ends the call.</summary>
    public TimeSpan MediaTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string Cname { get; init; } = "revovoice@127.0.0.1";

    /// <summary>Frames of caller audio kept when the application does not read them (oldest dropped).</summary>
    public int InputCapacityFrames { get; init; } = 100;

    /// <summary>Send silence packets when nothing is queued, so the stream stays continuous (what PBXes expect).</summary>
    public bool SendSilence { get; init; } = true;
}
