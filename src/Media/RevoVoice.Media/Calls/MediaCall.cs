using System.Threading.Channels;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Media.Calls;

/// <summary>
/// One answered call as a call application sees it: the caller's audio in, the platform's audio out, key
/// presses, and hang-up. Audio is 8 kHz 16-bit mono PCM in 20 ms frames both ways (see <see cref="AudioFrame"/>);
/// resample with <see cref="Upsampler8To16"/>/<see cref="Downsampler16To8"/> for 16 kHz engines.
/// See Calls/SEAM.md.
/// </summary>
public sealed class MediaCall
{
    private readonly IMediaCallControl _control;

    public MediaCall(
        CallInfo info,
        ChannelReader<AudioFrame> input,
        AudioOutputQueue output,
        ChannelReader<DtmfEvent> dtmf,
        IMediaCallControl control,
        CancellationToken ended)
    {
        Info = info;
        Input = input;
        Output = output;
        Dtmf = dtmf;
        _control = control;
        Ended = ended;
    }

    /// <summary>Who called whom, and the ids under which the call is reported.</summary>
    public CallInfo Info { get; }

    /// <summary>The platform's id of the call (the Write side's call stream is <c>call-{Id}</c>).</summary>
    public Guid Id => Info.Id;

    /// <summary>
    /// The caller's audio: one frame every 20 ms from the jitter buffer (lost packets arrive as concealed frames,
    /// so time keeps flowing). Completes when the call ends. Held calls deliver nothing.
    /// </summary>
    public ChannelReader<AudioFrame> Input { get; }

    /// <summary>What the caller hears: enqueue audio, flush it on barge-in, await when it was actually sent.</summary>
    public AudioOutputQueue Output { get; }

    /// <summary>Key presses, in the order the caller pressed them. Completes when the call ends.</summary>
    public ChannelReader<DtmfEvent> Dtmf { get; }

    /// <summary>Cancelled when the call ends, whichever side hangs up.</summary>
    public CancellationToken Ended { get; }

    /// <summary>Why the call ended, once it has.</summary>
    public CallEndReason? EndReason => _control.EndReason;

    /// <summary>The call's media counters (packets, loss, jitter) so far.</summary>
    public RtpStreamStatistics Statistics => _control.Statistics;

    /// <summary>Hangs up from the platform side (BYE).</summary>
    public Task HangUpAsync(CallEndReason reason = CallEndReason.PlatformHungUp, CancellationToken cancellationToken = default) =>
        _control.HangUpAsync(reason, cancellationToken);

    /// <summary>Blind-transfers the caller (SIP REFER) to e.g. an agent's SIP URI; true when the peer accepted.</summary>
    public Task<bool> TransferAsync(string targetUri, CancellationToken cancellationToken = default) =>
        _control.TransferAsync(targetUri, cancellationToken);

    /// <summary>Records both directions (stereo WAV: caller left, platform right). Only after the caller consented.</summary>
    public void StartRecording() => _control.StartRecording();
}
