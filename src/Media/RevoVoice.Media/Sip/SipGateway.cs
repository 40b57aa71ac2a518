using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using RevoVoice.Media.Calls;
using RevoVoice.Media.Reporting;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;
using RevoVoice.Telephony.Sip.Dialogs;
using RevoVoice.Telephony.Sip.Messages;
using RevoVoice.Telephony.Sip.Transactions;
using RevoVoice.Telephony.Sip.Transport;

namespace RevoVoice.Media.Sip;

/// <summary>
/// The Media service's SIP front door: listens on <c>RevoVoice:Sip</c>, answers calls (486 over capacity, 488
/// without a common codec, 400 for a malformed offer; an INVITE without an offer gets ours in the 200 and its ACK
/// must answer it), gives each answered call an RTP session from <c>RevoVoice:Rtp</c>'s port range and runs the
/// configured <see cref="ICallApplication"/> on it.
/// </summary>
public sealed class SipGateway : IHostedService, IAsyncDisposable
{
    // A late-offer call's media until the ACK brings the caller's answer: nothing sent, nothing expected.
    private static readonly NegotiatedMedia AwaitingAnswer = new(G711MuLaw.Instance, 0, null, null, MediaDirection.Inactive, 20);

    private readonly SipOptions _sip;
    private readonly RtpOptions _rtpOptions;
    private readonly MediaOptions _media;
    private readonly CallApplicationSelector _applications;
    private readonly IServiceScopeFactory _scopes;
    private readonly ICallReporter _reporter;
    private readonly TimeProvider _time;
    private readonly ILogger<SipGateway> _logger;
    private readonly ConcurrentDictionary<Guid, SipCall> _calls = new();
    private readonly CancellationTokenSource _stopping = new();
    private SipTransactionLayer? _layer;
    private SipUserAgent? _agent;
    private MediaClock? _clock;
    private RtpPortAllocator? _ports;
    private int _active;
    private long _callsAnswered;
    private long _callsRejected;
    private int _disposed;

    public SipGateway(IOptions<SipOptions> sip, IOptions<RtpOptions> rtp, IOptions<MediaOptions> media, CallApplicationSelector applications,
        IServiceScopeFactory scopes, ICallReporter reporter, TimeProvider time, ILogger<SipGateway> logger)
    {
        _sip = sip.Value;
        _rtpOptions = rtp.Value;
        _media = media.Value;
        _applications = applications;
        _scopes = scopes;
        _reporter = reporter;
        _time = time;
        _logger = logger;
    }

    /// <summary>The bound SIP endpoint (tests bind port 0 and read the real port here).</summary>
    public IPEndPoint LocalEndPoint => _agent?.LocalEndPoint ?? throw new InvalidOperationException("The gateway has not started.");

    public int ActiveCalls => Volatile.Read(ref _active);

    public long CallsAnswered => Interlocked.Read(ref _callsAnswered);

    public long CallsRejected => Interlocked.Read(ref _callsRejected);

    public UdpSipTransport Transport => _layer?.Transport ?? throw new InvalidOperationException("The gateway has not started.");

    public SipUserAgent UserAgent => _agent ?? throw new InvalidOperationException("The gateway has not started.");

    public MediaClock Clock => _clock ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>The calls in progress.</summary>
    public IReadOnlyCollection<SipCall> Calls => _calls.Values.ToList();

    /// <summary>Raised when a call application starts on an answered call (tests observe calls through it).</summary>
    public event Action<SipCall>? CallStarted;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_sip.Address);
        var rtpAddress = IPAddress.Parse(_rtpOptions.Address ?? _sip.Address);
        _ports = new RtpPortAllocator(rtpAddress, _rtpOptions.PortMin, _rtpOptions.PortMax);
        _clock = new MediaClock(_time, realtimePriority: _rtpOptions.RealtimeClock);
        _layer = new SipTransactionLayer(new UdpSipTransport(new IPEndPoint(address, _sip.Port)), _time);
        _agent = new SipUserAgent(_layer, user: "revovoice") { IncomingCallHandler = OnIncomingCall };
        _agent.Start();
        _logger.LogInformation("SIP listening on udp/{EndPoint}; RTP {Min}-{Max}; application {Application}",
            _agent.LocalEndPoint, _rtpOptions.PortMin, _rtpOptions.PortMax, _applications.Name);
        return Task.CompletedTask;
    }

    private void OnIncomingCall(IncomingCall incoming)
    {
        var invite = incoming.Invite;
        if (Interlocked.Increment(ref _active) > _media.MaxConcurrentCalls)
        {
            Interlocked.Decrement(ref _active);
            Reject(incoming, SipStatus.BusyHere, $"over capacity ({_media.MaxConcurrentCalls} calls)");
            return;
        }
        // An INVITE without SDP is a late offer: we offer in the 200 and the caller answers in its ACK (RFC 3261 13.2.1).
        SessionDescription? offer = null;
        try
        {
            if (incoming.OfferSdp.Length > 0) offer = SessionDescription.Parse(incoming.OfferSdp);
        }
        catch (SdpParseException e)
        {
            Interlocked.Decrement(ref _active);
            Reject(incoming, SipStatus.BadRequest, $"malformed SDP: {e.Message}");
            return;
        }

        System.Net.Sockets.Socket rtp, rtcp;
        try
        {
            (rtp, rtcp) = _ports!.Allocate();
        }
        catch (RtpPortsExhaustedException e)
        {
            Interlocked.Decrement(ref _active);
            Reject(incoming, SipStatus.BusyHere, e.Message);
            return;
        }
        var info = new CallInfo(Guid.CreateVersion7(), invite.CallId, invite.From.Uri, invite.To.Uri, _time.GetUtcNow());
        NegotiatedMedia media;
        string sdp; // our answer, or our offer when the caller made none
        try
        {
            var local = (IPEndPoint)rtp.LocalEndPoint!;
            if (offer is null)
            {
                sdp = SdpNegotiator.CreateOffer(local.Address, local.Port, info.StartedAt.ToUnixTimeSeconds(), 1).ToString();
                media = AwaitingAnswer;
            }
            else
            {
                var negotiated = SdpNegotiator.Answer(offer, local.Address, local.Port, info.StartedAt.ToUnixTimeSeconds(), 1);
                media = negotiated.Media;
                sdp = negotiated.Answer.ToString();
            }
        }
        catch (SdpNegotiationException e)
        {
            rtp.Dispose();
            rtcp.Dispose();
            Interlocked.Decrement(ref _active);
            Reject(incoming, SipStatus.NotAcceptableHere, e.Message);
            return;
        }

        var session = new RtpSession(rtp, rtcp, media, _clock!, _time, new RtpSessionOptions
        {
            MediaTimeout = TimeSpan.FromSeconds(_rtpOptions.MediaTimeoutSeconds),
            Cname = $"revovoice@{_sip.Address}",
        });
        _reporter.Report(new CallStartedReport(info.Id, info.StartedAt, info.SipCallId, info.Caller, info.Callee));
        incoming.Ring();
        if (_media.AnswerDelayMs > 0)
        {
            incoming.Cancelled += cancelled =>
            {
                session.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
                Interlocked.Decrement(ref _active);
                _reporter.Report(new CallEndedReport(info.Id, _time.GetUtcNow(), nameof(CallEndReason.Cancelled), 0, 0, 0, 0));
                _logger.LogInformation("Call {CallId} cancelled by the caller before the answer", info.Id);
            };
            _ = AnswerLaterAsync(incoming, info, session, sdp, lateOffer: offer is null);
        }
        else
        {
            Answer(incoming, info, session, sdp, lateOffer: offer is null);
        }
    }

    private async Task AnswerLaterAsync(IncomingCall incoming, CallInfo info, RtpSession session, string sdp, bool lateOffer)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_media.AnswerDelayMs), _time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        if (incoming.IsDecided) return; // cancelled meanwhile
        Answer(incoming, info, session, sdp, lateOffer);
    }

    private void Answer(IncomingCall incoming, CallInfo info, RtpSession session, string sdp, bool lateOffer)
    {
        SipDialog dialog;
        try
        {
            dialog = incoming.Accept(sdp);
        }
        catch (InvalidOperationException)
        {
            return; // the caller cancelled in the same instant
        }
        Interlocked.Increment(ref _callsAnswered);
        var call = new SipCall(info, dialog, session, _reporter, _time, _logger, _media.RecordingDirectory);
        _calls[info.Id] = call;
        session.Start();
        dialog.Confirmed += confirmed =>
        {
            if (lateOffer)
            {
                if (!TryApplyAnswer(call, session, confirmed.AckBody)) return;
                _reporter.Report(new CallAnsweredReport(info.Id, _time.GetUtcNow(), _applications.Name, session.Media.Codec.Name));
            }
            _ = RunApplicationAsync(call);
        };
        _ = call.Finished.ContinueWith(_ =>
        {
            _calls.TryRemove(info.Id, out SipCall? _);
            Interlocked.Decrement(ref _active);
        }, TaskScheduler.Default);
        if (!lateOffer) _reporter.Report(new CallAnsweredReport(info.Id, _time.GetUtcNow(), _applications.Name, session.Media.Codec.Name));
    }

    /// <summary>Takes the caller's answer to our late-offer 200 from its ACK; without an acceptable one, hangs up.</summary>
    private bool TryApplyAnswer(SipCall call, RtpSession session, string ackBody)
    {
        try
        {
            if (ackBody.Length == 0) throw new SdpNegotiationException("the ACK brought no answer to our offer");
            session.Update(SdpNegotiator.ReadAnswer(SessionDescription.Parse(ackBody)));
            return true;
        }
        catch (Exception e) when (e is SdpParseException or SdpNegotiationException)
        {
            _logger.LogInformation("Call {CallId}: no usable SDP answer after our late-offer 200 ({Reason}); hanging up", call.Info.Id, e.Message);
            _ = call.HangUpAsync(CallEndReason.Failed, CancellationToken.None);
            return false;
        }
    }

    private async Task RunApplicationAsync(SipCall call)
    {
        call.Start();
        if (_media.RecordAllCalls) call.StartRecording();
        CallStarted?.Invoke(call);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Call.Ended, _stopping.Token);
        var reason = CallEndReason.PlatformHungUp;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var application = _applications.Create(scope.ServiceProvider);
            await Task.Yield();
            await application.RunAsync(call.Call, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            reason = CallEndReason.Failed;
            _logger.LogError(e, "Call {CallId}: the {Application} application failed", call.Info.Id, _applications.Name);
        }
        if (_stopping.IsCancellationRequested) reason = CallEndReason.Shutdown;
        if (call.EndReason is null) await call.HangUpAsync(reason, CancellationToken.None);
    }

    private void Reject(IncomingCall incoming, int status, string reason)
    {
        Interlocked.Increment(ref _callsRejected);
        _logger.LogInformation("Rejected INVITE {SipCallId} from {From} with {Status}: {Reason}", incoming.Invite.CallId, incoming.Invite.From.Uri, status, reason);
        incoming.Reject(status, reason);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        var hangUps = _calls.Values.Select(c => c.HangUpAsync(CallEndReason.Shutdown, cancellationToken)
            .ContinueWith(_ => { }, TaskScheduler.Default));
        await Task.WhenAll(hangUps).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_layer is not null) await _layer.DisposeAsync();
        _clock?.Dispose();
    }
}
