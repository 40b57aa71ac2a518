namespace RevoVoice.Telephony.Rtp;

/// <summary>One reception report block (RFC 3550 6.4.1).</summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSenderReport, uint DelaySinceLastSenderReport);
