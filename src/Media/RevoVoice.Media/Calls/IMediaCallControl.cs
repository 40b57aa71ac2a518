using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Media.Calls;

/// <summary>
/// The signalling side of a <see cref="MediaCall"/>: what the SIP host does when an application hangs up,
/// transfers, or starts recording. Tests of call applications implement it without any SIP.
/// </summary>
public interface IMediaCallControl
{
    /// <summary>Sends BYE (or completes at once if the call already ended) and ends the call.</summary>
    Task HangUpAsync(CallEndReason reason, CancellationToken cancellationToken);

    /// <summary>Blind transfer (REFER) to <paramref name="targetUri"/>, e.g. an agent endpoint. True when the peer accepted it.</summary>
    Task<bool> TransferAsync(string targetUri, CancellationToken cancellationToken);

    /// <summary>Starts recording both directions to a stereo WAV; call only where the caller gave consent.</summary>
    void StartRecording();

    /// <summary>The current media counters.</summary>
    RtpStreamStatistics Statistics { get; }

    /// <summary>Why the call ended, once it has.</summary>
    CallEndReason? EndReason { get; }
}
