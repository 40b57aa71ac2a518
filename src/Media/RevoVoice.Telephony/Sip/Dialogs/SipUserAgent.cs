using System.Net;
using System.Text;
using RevoVoice.Telephony.Sip.Messages;
using RevoVoice.Telephony.Sip.Transactions;

namespace RevoVoice.Telephony.Sip.Dialogs;

/// <summary>
/// The user agent core (RFC 3261 8, 12-15) above the transaction layer: turns new INVITEs into
/// <see cref="IncomingCall"/>s, keeps dialogs, answers in-dialog requests (BYE, re-INVITE, INFO, NOTIFY,
/// OPTIONS, CANCEL) and everything else with the status the RFC asks for: 481 for an unknown dialog or
/// transaction, 405 for methods we know but do not serve, 501 for unknown ones, 420 for unsupported
/// extensions, 483 when Max-Forwards ran out, 500 for an out-of-order CSeq, 491 for a glare re-INVITE.
/// It also places calls (<see cref="InviteAsync"/>) for our own UAC.
/// </summary>
public sealed class SipUserAgent : ITransactionUser
{
    private readonly SipTransactionLayer _layer;
    private readonly object _gate = new();
    private readonly Dictionary<DialogId, SipDialog> _dialogs = [];
    private readonly Dictionary<TransactionKey, IncomingCall> _pending = [];
    private readonly string _user;
    private readonly string _userAgent;
    private long _unknownDialog;

    public SipUserAgent(SipTransactionLayer layer, string user = "revovoice", string userAgent = "RevoVoice/1.0")
    {
        _layer = layer;
        _user = user;
        _userAgent = userAgent;
        var local = layer.Transport.LocalEndPoint;
        LocalAddress = local.Address;
        ContactHeader = $"<sip:{user}@{FormatHost(local.Address)}:{local.Port}>";
    }

    public IPAddress LocalAddress { get; }

    public IPEndPoint LocalEndPoint => _layer.Transport.LocalEndPoint;

    /// <summary>Our Contact: where peers send in-dialog requests.</summary>
    public string ContactHeader { get; }

    /// <summary>Told about every new incoming call; must decide quickly (or ring and decide later) and not block.</summary>
    public Action<IncomingCall>? IncomingCallHandler { get; set; }

    public SipTransactionLayer Transactions => _layer;

    public int DialogCount
    {
        get { lock (_gate) return _dialogs.Count; }
    }

    /// <summary>Requests answered 481 because their dialog or transaction was unknown.</summary>
    public long UnknownDialogRequests => Interlocked.Read(ref _unknownDialog);

    public void Start() => _layer.Start(this);

    public void OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request[SipHeaderNames.MaxForwards] is "0" && request.Method is not (SipMethods.Ack or SipMethods.Cancel))
        {
            transaction.Respond(SipStatus.TooManyHops);
            return;
        }
        var require = request[SipHeaderNames.Require];
        if (require is not null && request.Method is not (SipMethods.Ack or SipMethods.Cancel))
        {
            var unsupported = require.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (unsupported.Length > 0)
            {
                var response = SipResponse.For(request, SipStatus.BadExtension, SipTags.NewTag());
                response.Add(SipHeaderNames.Unsupported, string.Join(", ", unsupported));
                transaction.Respond(response);
                return;
            }
        }
        if (request.Method == SipMethods.Cancel)
        {
            OnCancel(transaction);
            return;
        }
        if (request.To.Tag is not null)
        {
            OnInDialogRequest(transaction);
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Invite:
                OnNewInvite(transaction);
                break;
            case SipMethods.Options:
                transaction.Respond(OptionsResponse(request));
                break;
            case SipMethods.Bye or SipMethods.Info or SipMethods.Notify or SipMethods.Refer:
                Interlocked.Increment(ref _unknownDialog);
                transaction.Respond(SipStatus.CallDoesNotExist, SipTags.NewTag());
                break;
            default:
                RespondNotServed(transaction);
                break;
        }
    }

    public void OnAck(SipRequest ack, IPEndPoint source)
    {
        if (ack.To.Tag is not { } localTag || ack.From.Tag is not { } remoteTag) return;
        SipDialog? dialog;
        lock (_gate) _dialogs.TryGetValue(new DialogId(ack.CallId, localTag, remoteTag), out dialog);
        if (dialog is null) return; // an ACK for nothing we know is dropped silently (17.2.3)
        var pending = dialog.PendingInvite;
        if (pending is not null && pending.Request.CSeq.Number == ack.CSeq.Number)
        {
            pending.Acknowledged();
            dialog.PendingInvite = null;
            if (!dialog.IsConfirmed) dialog.AckBody = ack.BodyText;
        }
        dialog.RaiseConfirmed();
    }

    public void OnStrayResponse(SipResponse response, IPEndPoint source)
    {
        // A retransmitted 2xx to our INVITE means our ACK was lost: send it again (13.2.2.4).
        if (!response.IsSuccess || response.CSeq.Method != SipMethods.Invite || response.To.Tag is not { } remoteTag || response.From.Tag is not { } localTag)
            return;
        SipDialog? dialog;
        lock (_gate) _dialogs.TryGetValue(new DialogId(response.CallId, localTag, remoteTag), out dialog);
        if (dialog?.LastAck is { } ack) _layer.Transport.Send(ack, source);
    }

    public void OnAckTimeout(ServerTransaction transaction)
    {
        SipDialog? dialog;
        lock (_gate) dialog = _dialogs.Values.FirstOrDefault(d => ReferenceEquals(d.PendingInvite, transaction));
        if (dialog is null || !dialog.TryEnd()) return;
        _ = dialog.SendAsync(SipMethods.Bye);
        Forget(dialog);
        dialog.RaiseEnded(DialogEndReason.AckTimeout);
    }

    /// <summary>Places a call: INVITE with the SDP offer, ACK on 2xx. Returns the final response and, on success, the dialog.</summary>
    public async Task<(SipResponse Response, SipDialog? Dialog)> InviteAsync(string targetUri, string fromUri, string offerSdp,
        Action<SipResponse>? provisional = null, CancellationToken cancellationToken = default)
    {
        var target = SipUri.Parse(targetUri);
        var destination = Resolve(target) ?? throw new ArgumentException($"Cannot resolve '{targetUri}': use an IP address.", nameof(targetUri));
        var localTag = SipTags.NewTag();
        var callId = SipTags.NewCallId(FormatHost(LocalAddress));
        var from = new NameAddress(null, fromUri, $"tag={localTag}");
        var invite = new SipRequest(SipMethods.Invite, targetUri);
        invite.Add(SipHeaderNames.Via, Via(SipTags.NewBranch()));
        invite.Add(SipHeaderNames.MaxForwards, "70");
        invite.Add(SipHeaderNames.From, from.ToString());
        invite.Add(SipHeaderNames.To, $"<{targetUri}>");
        invite.Add(SipHeaderNames.CallId, callId);
        invite.Add(SipHeaderNames.CSeq, $"1 {SipMethods.Invite}");
        invite.Add(SipHeaderNames.Contact, ContactHeader);
        invite.Add(SipHeaderNames.Allow, SipMethods.Allowed);
        invite.Add(SipHeaderNames.UserAgent, _userAgent);
        invite.Add(SipHeaderNames.ContentType, "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(offerSdp);
        var transaction = _layer.Send(invite, destination, provisional);
        var response = await transaction.Completion.WaitAsync(cancellationToken);
        if (!response.IsSuccess) return (response, null);
        var remoteTag = response.To.Tag ?? "";
        var contact = response.GetAll(SipHeaderNames.Contact).Select(NameAddress.Parse).FirstOrDefault()?.Uri ?? targetUri;
        var routes = response.GetAll(SipHeaderNames.RecordRoute);
        routes.Reverse();
        var dialog = new SipDialog(this, new DialogId(callId, localTag, remoteTag), isServer: false, from, response.To, contact, routes,
            localSequence: 1, remoteSequence: 0, destination);
        lock (_gate) _dialogs[dialog.Id] = dialog;
        var ack = CreateInDialogRequest(dialog, SipMethods.Ack, 1);
        dialog.LastAck = ack.ToBytes();
        _layer.Transport.Send(dialog.LastAck, TargetOf(dialog));
        dialog.RaiseConfirmed();
        return (response, dialog);
    }

    internal SipDialog Accept(IncomingCall call, SipResponse ok)
    {
        var invite = call.Invite;
        var remoteTarget = invite.GetAll(SipHeaderNames.Contact).Select(NameAddress.Parse).FirstOrDefault()?.Uri;
        var dialog = new SipDialog(this, new DialogId(invite.CallId, call.LocalTag, invite.From.Tag ?? ""), isServer: true,
            invite.To.WithTag(call.LocalTag), invite.From, remoteTarget ?? $"sip:{FormatHost(call.Source.Address)}:{call.Source.Port}",
            invite.GetAll(SipHeaderNames.RecordRoute), localSequence: 0, remoteSequence: invite.CSeq.Number, call.Source)
        {
            PendingInvite = call.Transaction,
        };
        lock (_gate)
        {
            _pending.Remove(call.Transaction.Key);
            _dialogs[dialog.Id] = dialog;
        }
        call.Transaction.Respond(ok);
        return dialog;
    }

    internal void Reject(IncomingCall call, SipResponse response)
    {
        lock (_gate) _pending.Remove(call.Transaction.Key);
        call.Transaction.Respond(response);
    }

    internal void Forget(SipDialog dialog)
    {
        lock (_gate) _dialogs.Remove(dialog.Id);
    }

    internal SipRequest CreateInDialogRequest(SipDialog dialog, string method, long sequence)
    {
        var request = new SipRequest(method, dialog.RemoteTarget);
        request.Add(SipHeaderNames.Via, Via(SipTags.NewBranch()));
        foreach (var route in dialog.RouteSet) request.Add(SipHeaderNames.Route, route);
        request.Add(SipHeaderNames.MaxForwards, "70");
        request.Add(SipHeaderNames.From, dialog.LocalParty.ToString());
        request.Add(SipHeaderNames.To, dialog.RemoteParty.ToString());
        request.Add(SipHeaderNames.CallId, dialog.Id.CallId);
        request.Add(SipHeaderNames.CSeq, $"{sequence} {method}");
        if (method is SipMethods.Invite or SipMethods.Refer) request.Add(SipHeaderNames.Contact, ContactHeader);
        request.Add(SipHeaderNames.UserAgent, _userAgent);
        return request;
    }

    internal Task<SipResponse> SendInDialogAsync(SipDialog dialog, SipRequest request) =>
        _layer.Send(request, TargetOf(dialog)).Completion;

    private void OnNewInvite(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var contentType = request.ContentType;
        if (request.Body.Length > 0 && contentType is not null && !contentType.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            var response = SipResponse.For(request, SipStatus.UnsupportedMediaType, SipTags.NewTag());
            response.Add(SipHeaderNames.Accept, "application/sdp");
            transaction.Respond(response);
            return;
        }
        var fromTag = request.From.Tag;
        lock (_gate)
        {
            // A second INVITE for a call we already have (merged request, or a retransmission after our
            // transaction ended) must not start a second call (8.2.2.2).
            if (_dialogs.Keys.Any(d => d.CallId == request.CallId && d.RemoteTag == fromTag) ||
                _pending.Values.Any(p => p.Invite.CallId == request.CallId && p.Invite.From.Tag == fromTag))
            {
                transaction.Respond(SipStatus.LoopDetected, SipTags.NewTag());
                return;
            }
        }
        var call = new IncomingCall(this, transaction, SipTags.NewTag());
        var handler = IncomingCallHandler;
        if (handler is null)
        {
            transaction.Respond(SipStatus.TemporarilyUnavailable, call.LocalTag);
            return;
        }
        lock (_gate) _pending[transaction.Key] = call;
        handler(call);
    }

    private void OnCancel(ServerTransaction cancel)
    {
        var invite = _layer.FindInviteFor(cancel.Request);
        IncomingCall? call = null;
        if (invite is not null)
            lock (_gate) _pending.Remove(invite.Key, out call);
        if (invite is null)
        {
            Interlocked.Increment(ref _unknownDialog);
            cancel.Respond(SipStatus.CallDoesNotExist);
            return;
        }
        // 200 to the CANCEL itself; the INVITE gets 487 unless it was already answered (9.2).
        cancel.Respond(SipStatus.Ok);
        call?.TryCancel();
    }

    private void OnInDialogRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var id = new DialogId(request.CallId, request.To.Tag!, request.From.Tag ?? "");
        SipDialog? dialog;
        lock (_gate) _dialogs.TryGetValue(id, out dialog);
        if (dialog is null)
        {
            if (request.Method == SipMethods.Options)
            {
                transaction.Respond(OptionsResponse(request));
                return;
            }
            Interlocked.Increment(ref _unknownDialog);
            transaction.Respond(SipStatus.CallDoesNotExist);
            return;
        }
        var sequence = request.CSeq.Number;
        lock (_gate)
        {
            if (sequence < dialog.RemoteSequence || (sequence == dialog.RemoteSequence && request.Method != SipMethods.Ack))
            {
                // Out of order (12.2.2); an equal number would be a retransmission, which the transaction layer absorbs.
                transaction.Respond(SipResponse.For(request, SipStatus.ServerInternalError, reason: "CSeq Out Of Order"));
                return;
            }
            dialog.RemoteSequence = sequence;
        }
        switch (request.Method)
        {
            case SipMethods.Bye:
                transaction.Respond(SipStatus.Ok);
                if (dialog.TryEnd())
                {
                    Forget(dialog);
                    dialog.RaiseEnded(DialogEndReason.RemoteBye);
                }
                break;
            case SipMethods.Invite:
                OnReInvite(dialog, transaction);
                break;
            case SipMethods.Info:
                transaction.Respond(SipStatus.Ok);
                dialog.RaiseInfo(request);
                break;
            case SipMethods.Notify:
                transaction.Respond(SipStatus.Ok);
                dialog.RaiseNotify(request);
                break;
            case SipMethods.Options:
                transaction.Respond(OptionsResponse(request));
                break;
            case SipMethods.Refer:
                // We transfer callers ourselves; a caller may not transfer the platform elsewhere.
                transaction.Respond(SipResponse.For(request, 403, reason: "Transfer Not Permitted"));
                break;
            default:
                RespondNotServed(transaction);
                break;
        }
    }

    private void OnReInvite(SipDialog dialog, ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (dialog.PendingInvite is not null)
        {
            transaction.Respond(SipStatus.RequestPending); // glare (14.2)
            return;
        }
        var contact = request.GetAll(SipHeaderNames.Contact).Select(NameAddress.Parse).FirstOrDefault();
        if (contact is not null) dialog.RemoteTarget = contact.Uri; // target refresh (12.2.2)
        var handler = dialog.ReInviteHandler;
        var (status, answer) = handler is null ? (SipStatus.NotAcceptableHere, null) : handler(dialog, request.BodyText);
        var response = SipResponse.For(request, status);
        if (status is >= 200 and < 300)
        {
            response.Add(SipHeaderNames.Contact, ContactHeader);
            if (answer is not null)
            {
                response.Add(SipHeaderNames.ContentType, "application/sdp");
                response.Body = Encoding.UTF8.GetBytes(answer);
            }
            dialog.PendingInvite = transaction;
        }
        transaction.Respond(response);
    }

    private SipResponse OptionsResponse(SipRequest request)
    {
        var response = SipResponse.For(request, SipStatus.Ok, SipTags.NewTag());
        response.Add(SipHeaderNames.Allow, SipMethods.Allowed);
        response.Add(SipHeaderNames.Accept, "application/sdp");
        response.Add(SipHeaderNames.Supported, "replaces");
        response.Add(SipHeaderNames.Contact, ContactHeader);
        response.Add(SipHeaderNames.Server, _userAgent);
        return response;
    }

    private static void RespondNotServed(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (SipMethods.IsKnown(request.Method))
        {
            var response = SipResponse.For(request, SipStatus.MethodNotAllowed, SipTags.NewTag());
            response.Add(SipHeaderNames.Allow, SipMethods.Allowed);
            transaction.Respond(response);
        }
        else
        {
            transaction.Respond(SipStatus.NotImplemented, SipTags.NewTag());
        }
    }

    private string Via(string branch)
    {
        var local = _layer.Transport.LocalEndPoint;
        return $"SIP/2.0/UDP {FormatHost(local.Address)}:{local.Port};branch={branch};rport";
    }

    private IPEndPoint TargetOf(SipDialog dialog)
    {
        var next = dialog.RouteSet.Count > 0 ? NameAddress.Parse(dialog.RouteSet[0]).Uri : dialog.RemoteTarget;
        return SipUri.TryParse(next, out var uri) && Resolve(uri!) is { } endpoint ? endpoint : dialog.RemoteSignalling;
    }

    private static IPEndPoint? Resolve(SipUri uri)
    {
        var host = uri.Host.Trim('[', ']');
        var port = uri.Port ?? 5060;
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? new IPEndPoint(IPAddress.Loopback, port) : null;
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
