namespace RevoVoice.Telephony.Rtp;

/// <summary>A snapshot of one call's media counters (RFC 3550 definitions).</summary>
/// <param name="PacketsReceived">RTP audio and telephone-event packets accepted.</param>
/// <param name="PacketsExpected">highest extended sequence number minus the first, plus one.</param>
/// <param name="PacketsLost">expected minus received (never negative).</param>
/// <param name="PacketsMalformed">datagrams on the RTP/RTCP ports that did not parse, dropped and counted.</param>
/// <param name="InterarrivalJitterMs">RFC 3550 interarrival jitter of the received stream, in milliseconds.</param>
/// <param name="PacketsSent">RTP packets we sent.</param>
/// <param name="SendJitterMs">mean absolute deviation of our send times from the ideal 20 ms grid, in milliseconds.</param>
/// <param name="ConcealedFrames">frames the jitter buffer synthesised for lost or late packets.</param>
public sealed record RtpStreamStatistics(
    long PacketsReceived,
    long PacketsExpected,
    long PacketsLost,
    long PacketsMalformed,
    double InterarrivalJitterMs,
    long PacketsSent,
    double SendJitterMs,
    long ConcealedFrames)
{
    public double LossPercent => PacketsExpected == 0 ? 0 : 100.0 * PacketsLost / PacketsExpected;

    public static readonly RtpStreamStatistics Empty = new(0, 0, 0, 0, 0, 0, 0, 0);
}
