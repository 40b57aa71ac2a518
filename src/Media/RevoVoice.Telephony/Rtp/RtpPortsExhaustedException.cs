namespace RevoVoice.Telephony.Rtp;

/// <summary>No RTP port pair is free in the configured range (answer 503/486).</summary>
public sealed class RtpPortsExhaustedException(int portMin, int portMax)
    : InvalidOperationException($"No free RTP port pair in {portMin}-{portMax}.");
