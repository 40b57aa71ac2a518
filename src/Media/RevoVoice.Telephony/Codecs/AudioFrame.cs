namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// 20 ms of telephone audio: 160 samples of 16-bit linear PCM at 8 kHz, mono.
/// </summary>
/// <param name="Samples">exactly <see cref="SamplesPerFrame"/> samples.</param>
/// <param name="RtpTimestamp">the RTP timestamp of the first sample (8 kHz clock); continuous across concealed frames.</param>
/// <param name="ReceivedAt">when the packet arrived (UTC); for concealed frames, when the gap was filled.</param>
/// <param name="Concealed">true when the jitter buffer synthesised this frame because its packet was lost or late.</param>
public readonly record struct AudioFrame(ReadOnlyMemory<short> Samples, uint RtpTimestamp, DateTimeOffset ReceivedAt, bool Concealed)
{
    public const int SampleRate = 8000;
    public const int SamplesPerFrame = 160;
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(20);
}
