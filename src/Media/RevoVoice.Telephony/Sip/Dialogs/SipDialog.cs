using System.Net;
using System.Text;
using RevoVoice.Telephony.Sip.Messages;
using RevoVoice.Telephony.Sip.Transactions;

namespace RevoVoice.Telephony.Sip.Dialogs;

/// <summary>
/// A confirmed (or early) INVITE dialog (RFC 3261 12): tags, route set, remote target, CSeq bookkeeping, and
/// the in-dialog requests either side sends. Events are raised outside the user agent's lock and must not block.
/// </summary>
public sealed class SipDialog
{
    private readonly SipUserAgent _agent;
    private readonly object _gate = new();
    private long _localSequence;
    private int _ended;
    private int _confirmed;

    internal SipDialog(SipUserAgent agent, DialogId id, bool isServer, NameAddress localParty, NameAddress remoteParty,
        string remoteTarget, IReadOnlyList<string> routeSet, long localSequence, long remoteSequence, IPEndPoint remoteSignalling)
    {
        _agent = agent;
        Id = id;
        IsServer = isServer;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        _localSequence = localSequence;
        RemoteSequence = remoteSequence;
        RemoteSignalling = remoteSignalling;
    }

    public DialogId Id { get; }

    /// <summary>True when we answered the INVITE (UAS), false when we sent it.</summary>
    public bool IsServer { get; }

    /// <summary>Our From (UAC) or To (UAS), with our tag.</summary>
    public NameAddress LocalParty { get; }

    public NameAddress RemoteParty { get; }

    /// <summary>The peer's Contact URI, where in-dialog requests go (updated by target refreshes).</summary>
    public string RemoteTarget { get; internal set; }

    public IReadOnlyList<string> RouteSet { get; }

    public long RemoteSequence { get; internal set; }

    /// <summary>Where the peer's signalling came from (used when its target cannot be resolved).</summary>
    public IPEndPoint RemoteSignalling { get; }

    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>The initial INVITE's ACK arrived (UAS) or was sent (UAC).</summary>
    public bool IsConfirmed => Volatile.Read(ref _confirmed) != 0;

    /// <summary>The INVITE server transaction whose 2xx waits for an ACK (initial or re-INVITE).</summary>
    internal ServerTransaction? PendingInvite { get; set; }

    /// <summary>Bytes of the last ACK we sent (UAC), resent when a 2xx is retransmitted.</summary>
    internal byte[]? LastAck { get; set; }

    /// <summary>
    /// The body of the ACK that confirmed the dialog (UAS), empty when it had none. After a late offer (an INVITE
    /// without SDP, answered by a 2xx carrying our offer) this is the peer's answer (RFC 3261 13.2.1).
    /// </summary>
    public string AckBody { get; internal set; } = "";

    /// <summary>The dialog is confirmed: the ACK for our 2xx arrived (UAS) or we sent ours (UAC).</summary>
    public event Action<SipDialog>? Confirmed;

    /// <summary>The dialog ended (BYE either way, ACK timeout, shutdown).</summary>
    public event Action<SipDialog, DialogEndReason>? Ended;

    /// <summary>
    /// The peer sent a re-INVITE (hold/unhold, new address): given the offer (SDP text, possibly empty),
    /// return the status code and the answer SDP. Unset means 488.
    /// </summary>
    public Func<SipDialog, string, (int Status, string? AnswerSdp)>? ReInviteHandler { get; set; }

    /// <summary>The peer sent INFO (e.g. DTMF as application/dtmf-relay).</summary>
    public event Action<SipDialog, SipRequest>? InfoReceived;

    /// <summary>The peer sent NOTIFY (e.g. the progress of our REFER).</summary>
    public event Action<SipDialog, SipRequest>? NotifyReceived;

    /// <summary>Sends a request in this dialog (BYE, REFER, INFO, re-INVITE) and awaits the final response (408 on timeout).</summary>
    public Task<SipResponse> SendAsync(string method, string? contentType = null, string? body = null, IEnumerable<SipHeader>? extraHeaders = null)
    {
        long sequence;
        lock (_gate) sequence = ++_localSequence;
        var request = _agent.CreateInDialogRequest(this, method, sequence);
        if (extraHeaders is not null)
            foreach (var header in extraHeaders) request.Add(header.Name, header.Value);
        if (body is not null)
        {
            request.Set(SipHeaderNames.ContentType, contentType ?? "application/sdp");
            request.Body = Encoding.UTF8.GetBytes(body);
        }
        return _agent.SendInDialogAsync(this, request);
    }

    /// <summary>Sends BYE and ends the dialog at once (the BYE's answer does not matter to us).</summary>
    public Task<SipResponse> HangUpAsync()
    {
        if (!TryEnd()) return Task.FromResult(new SipResponse(SipStatus.CallDoesNotExist));
        var bye = SendAsync(SipMethods.Bye);
        _agent.Forget(this);
        Ended?.Invoke(this, DialogEndReason.LocalBye);
        return bye;
    }

    /// <summary>Blind transfer: REFER with Refer-To (RFC 3515); completes with the REFER's final response.</summary>
    public Task<SipResponse> ReferAsync(string targetUri) =>
        SendAsync(SipMethods.Refer, extraHeaders:
        [
            new SipHeader(SipHeaderNames.ReferTo, $"<{targetUri}>"),
            new SipHeader(SipHeaderNames.ReferredBy, $"<{LocalParty.Uri}>"),
        ]);

    internal bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;

    internal void RaiseEnded(DialogEndReason reason) => Ended?.Invoke(this, reason);

    internal void RaiseConfirmed()
    {
        if (Interlocked.Exchange(ref _confirmed, 1) == 0) Confirmed?.Invoke(this);
    }

    internal void RaiseInfo(SipRequest request) => InfoReceived?.Invoke(this, request);

    internal void RaiseNotify(SipRequest request) => NotifyReceived?.Invoke(this, request);
}
