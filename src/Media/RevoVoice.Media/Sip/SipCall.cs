using System.Threading.Channels;
using RevoVoice.Media.Calls;
using RevoVoice.Media.Recording;
using RevoVoice.Media.Reporting;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;
using RevoVoice.Telephony.Sip.Dialogs;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Media.Sip;

/// <summary>
/// One answered SIP call in the gateway: the dialog, its RTP session, the <see cref="MediaCall"/> the call
/// application sees, recording and reporting. Ends exactly once, whichever side or failure ends it.
/// </summary>
public sealed class SipCall : IMediaCallControl
{
    private readonly SipDialog _dialog;
    private readonly RtpSession _rtp;
    private readonly ICallReporter _reporter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _recordingDirectory;
    private readonly CancellationTokenSource _ended = new();
    private readonly Channel<DtmfEvent> _dtmf = Channel.CreateUnbounded<DtmfEvent>();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private TaskCompletionSource<int>? _referOutcome;
    private CallRecorder? _recorder;
    private CallEndReason? _endReason;
    private int _ending;

    public SipCall(CallInfo info, SipDialog dialog, RtpSession rtp, ICallReporter reporter, TimeProvider time, ILogger logger, string recordingDirectory)
    {
        Info = info;
        _dialog = dialog;
        _rtp = rtp;
        _reporter = reporter;
        _time = time;
        _logger = logger;
        _recordingDirectory = recordingDirectory;
        Call = new MediaCall(info, rtp.Input, rtp.Output, _dtmf.Reader, this, _ended.Token);
        dialog.Ended += (ended, reason) =>
        {
            _ = EndAsync(reason switch
            {
                DialogEndReason.RemoteBye => CallEndReason.CallerHungUp,
                DialogEndReason.AckTimeout => CallEndReason.MediaTimeout,
                DialogEndReason.Shutdown => CallEndReason.Shutdown,
                _ => EndReason ?? CallEndReason.PlatformHungUp,
            });
        };
        dialog.ReInviteHandler = OnReInvite;
        dialog.InfoReceived += (_, request) => OnInfo(request);
        dialog.NotifyReceived += (_, request) => OnNotify(request);
        rtp.MediaTimedOut += () => _ = HangUpAsync(CallEndReason.MediaTimeout, CancellationToken.None);
    }

    public CallInfo Info { get; }

    public MediaCall Call { get; }

    public SipDialog Dialog => _dialog;

    public RtpSession Rtp => _rtp;

    /// <summary>Completes when the call has ended and everything was cleaned up and reported.</summary>
    public Task Finished => _finished.Task;

    public CallEndReason? EndReason
    {
        get { lock (_gate) return _endReason; }
    }

    public RtpStreamStatistics Statistics => _rtp.Statistics;

    /// <summary>Starts the DTMF pump; called once the dialog is confirmed.</summary>
    public void Start() => _ = PumpDtmfAsync();

    public async Task HangUpAsync(CallEndReason reason, CancellationToken cancellationToken)
    {
        lock (_gate) _endReason ??= reason;
        // The dialog ends as the BYE leaves; its transaction retransmits it, so there is nothing to wait for but our own clean-up
        // (and the caller's token may be this very call's, cancelled by that clean-up).
        if (!_dialog.IsEnded) _ = _dialog.HangUpAsync();
        await EndAsync(reason);
    }

    public async Task<bool> TransferAsync(string targetUri, CancellationToken cancellationToken)
    {
        var outcome = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _referOutcome = outcome;
        var response = await _dialog.ReferAsync(targetUri).WaitAsync(cancellationToken);
        if (!response.IsSuccess)
        {
            _logger.LogInformation("Call {CallId}: REFER to {Target} refused with {Status}", Info.Id, targetUri, response.StatusCode);
            return false;
        }
        // Blind transfer: wait (briefly) for the transferee's NOTIFY saying how the new call went, then leave (RFC 5589 6.1).
        try
        {
            await outcome.Task.WaitAsync(TimeSpan.FromSeconds(5), _time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        await HangUpAsync(CallEndReason.Transferred, CancellationToken.None);
        return true;
    }

    public void StartRecording()
    {
        lock (_gate)
        {
            if (_recorder is not null || _dialog.IsEnded) return;
            var path = Path.GetFullPath(Path.Combine(_recordingDirectory, _time.GetUtcNow().ToString("yyyyMMdd"), $"{Info.Id}.wav"));
            var recorder = new CallRecorder(path);
            _recorder = recorder;
            _rtp.FrameTap = (caller, platform) => recorder.Append(caller?.Samples, platform);
        }
    }

    private (int, string?) OnReInvite(SipDialog dialog, string offerSdp)
    {
        try
        {
            var offer = SessionDescription.Parse(offerSdp);
            var local = _rtp.LocalEndPoint;
            var (answer, media) = SdpNegotiator.Answer(offer, local.Address, local.Port, sessionId: Info.StartedAt.ToUnixTimeSeconds(),
                version: _time.GetTimestamp());
            _rtp.Update(media);
            _logger.LogInformation("Call {CallId}: re-INVITE, now {Direction}", Info.Id, media.Direction);
            return (SipStatus.Ok, answer.ToString());
        }
        catch (Exception e) when (e is SdpParseException or SdpNegotiationException)
        {
            _logger.LogInformation("Call {CallId}: re-INVITE refused: {Reason}", Info.Id, e.Message);
            return (SipStatus.NotAcceptableHere, null);
        }
    }

    private void OnInfo(SipRequest request)
    {
        // application/dtmf-relay: "Signal=5\r\nDuration=160"; application/dtmf: "5".
        var type = request.ContentType ?? "";
        var body = request.BodyText;
        string? signal = null;
        var duration = 100;
        if (type.StartsWith("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n', StringSplitOptions.TrimEntries))
            {
                var equals = line.IndexOf('=');
                if (equals < 0) continue;
                var key = line[..equals].Trim();
                var value = line[(equals + 1)..].Trim();
                if (key.Equals("Signal", StringComparison.OrdinalIgnoreCase)) signal = value;
                else if (key.Equals("Duration", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, out var d)) duration = d;
            }
        }
        else if (type.StartsWith("application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            signal = body.Trim();
        }
        if (signal is { Length: 1 } && TelephoneEvent.FromDigit(signal[0]) is not null)
            Deliver(new DtmfEvent(char.ToUpperInvariant(signal[0]), TimeSpan.FromMilliseconds(duration), DtmfSource.SipInfo, _time.GetUtcNow()));
    }

    private void OnNotify(SipRequest request)
    {
        // message/sipfrag body: "SIP/2.0 200 OK" (RFC 3515 2.4.5).
        var body = request.BodyText.Trim();
        var parts = body.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], out var status) || status < 200) return;
        TaskCompletionSource<int>? outcome;
        lock (_gate) outcome = _referOutcome;
        outcome?.TrySetResult(status);
    }

    private async Task PumpDtmfAsync()
    {
        try
        {
            await foreach (var key in _rtp.Dtmf.ReadAllAsync(_ended.Token)) Deliver(key);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Deliver(DtmfEvent key)
    {
        _dtmf.Writer.TryWrite(key);
        _reporter.Report(new DtmfReceivedReport(Info.Id, key.ReceivedAt, key.Digit, (int)key.Duration.TotalMilliseconds, key.Source.ToString()));
        _logger.LogInformation("Call {CallId}: DTMF {Digit} ({Source})", Info.Id, key.Digit, key.Source);
    }

    /// <summary>Ends the call once: stops media, finishes the recording, reports.</summary>
    public async Task EndAsync(CallEndReason reason)
    {
        if (Interlocked.Exchange(ref _ending, 1) != 0)
        {
            await Finished;
            return;
        }
        CallRecorder? recorder;
        lock (_gate)
        {
            _endReason ??= reason;
            recorder = _recorder;
            _rtp.FrameTap = null;
        }
        try
        {
            await _ended.CancelAsync();
            var statistics = _rtp.Statistics;
            await _rtp.DisposeAsync();
            _dtmf.Writer.TryComplete();
            var now = _time.GetUtcNow();
            if (recorder is not null)
            {
                await recorder.DisposeAsync();
                _reporter.Report(new RecordingStoredReport(Info.Id, now, recorder.Path, recorder.Duration.TotalSeconds));
            }
            _reporter.Report(new CallEndedReport(Info.Id, now, EndReason!.Value.ToString(), (now - Info.StartedAt).TotalSeconds,
                statistics.PacketsReceived, statistics.PacketsLost, statistics.InterarrivalJitterMs));
            _logger.LogInformation("Call {CallId} ended: {Reason}; rx {Received} lost {Lost} jitter {Jitter:0.0} ms; tx {Sent} send jitter {SendJitter:0.00} ms",
                Info.Id, EndReason, statistics.PacketsReceived, statistics.PacketsLost, statistics.InterarrivalJitterMs,
                statistics.PacketsSent, statistics.SendJitterMs);
        }
        finally
        {
            _finished.TrySetResult();
        }
    }
}
