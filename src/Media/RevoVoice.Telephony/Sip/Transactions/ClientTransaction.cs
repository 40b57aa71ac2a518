using System.Net;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 17.1): retransmits the request (Timers A/E), times out (B/F) with a synthesised
/// 408, and for a non-2xx final answer to an INVITE sends the ACK itself (and again for retransmissions, Timer D).
/// <see cref="Completion"/> completes with the final response; <see cref="Provisional"/> is told about 1xx.
/// </summary>
public sealed class ClientTransaction
{
    private readonly SipTransactionLayer _layer;
    private readonly byte[] _request;
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _ack;
    private TimeSpan _interval;
    private bool _proceeding;
    private bool _completed;

    internal ClientTransaction(SipTransactionLayer layer, TransactionKey key, SipRequest request, IPEndPoint destination, Action<SipResponse>? provisional)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Destination = destination;
        Provisional = provisional;
        _request = request.ToBytes();
        _interval = layer.Timers.T1;
        var now = layer.Now;
        NextRetransmitAt = now + layer.Ticks(_interval);
        ExpiresAt = now + layer.Ticks(layer.Timers.TransactionTimeout);
    }

    public TransactionKey Key { get; }

    public SipRequest Request { get; }

    public IPEndPoint Destination { get; }

    public Action<SipResponse>? Provisional { get; }

    /// <summary>The final response (a synthesised 408 on timeout).</summary>
    public Task<SipResponse> Completion => _final.Task;

    internal long NextRetransmitAt { get; private set; }

    internal long ExpiresAt { get; private set; }

    internal void SendFirst() => _layer.Transport.Send(_request, Destination);

    /// <summary>A response matched this transaction (under the lock). Returns the callbacks to run after the lock.</summary>
    internal Action? OnResponse(SipResponse response)
    {
        var isInvite = Request.Method == SipMethods.Invite;
        if (response.StatusCode < 200)
        {
            if (_completed) return null;
            if (!_proceeding)
            {
                _proceeding = true;
                // INVITE stops retransmitting on a provisional; non-INVITE keeps going at T2 (17.1.2.2).
                NextRetransmitAt = isInvite ? long.MaxValue : _layer.Now + _layer.Ticks(_layer.Timers.T2);
                if (!isInvite) _interval = _layer.Timers.T2;
            }
            var provisional = Provisional;
            return provisional is null ? null : () => provisional(response);
        }
        if (_completed)
        {
            if (_ack is not null) _layer.Transport.Send(_ack, Destination);
            return null;
        }
        _completed = true;
        NextRetransmitAt = long.MaxValue;
        if (isInvite && response.StatusCode >= 300)
        {
            _ack = BuildAck(response).ToBytes();
            _layer.Transport.Send(_ack, Destination);
            ExpiresAt = _layer.Now + _layer.Ticks(_layer.Timers.TimerD);
        }
        else if (isInvite)
        {
            ExpiresAt = _layer.Now; // 2xx: the transaction ends; the dialog ACKs (and re-ACKs retransmissions)
        }
        else
        {
            ExpiresAt = _layer.Now + _layer.Ticks(_layer.Timers.T4); // Timer K
        }
        return () => _final.TrySetResult(response);
    }

    internal bool OnTick(long now, out Action? callback)
    {
        callback = null;
        if (now >= ExpiresAt)
        {
            if (!_completed)
            {
                _completed = true;
                var timeout = SipResponse.For(Request, SipStatus.RequestTimeout);
                callback = () => _final.TrySetResult(timeout);
            }
            return true;
        }
        if (now >= NextRetransmitAt)
        {
            _layer.Transport.Send(_request, Destination);
            _interval = _interval * 2 < _layer.Timers.T2 || Request.Method == SipMethods.Invite ? _interval * 2 : _layer.Timers.T2;
            NextRetransmitAt = now + _layer.Ticks(_interval);
        }
        return false;
    }

    internal void Cancel()
    {
        _completed = true;
        _final.TrySetCanceled();
    }

    /// <summary>The ACK for a non-2xx final response: same branch and Request-URI, To from the response (17.1.1.3).</summary>
    private SipRequest BuildAck(SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, Request.RequestUri);
        ack.Add(SipHeaderNames.Via, Request.GetAll(SipHeaderNames.Via)[0]);
        foreach (var route in Request.GetAll(SipHeaderNames.Route)) ack.Add(SipHeaderNames.Route, route);
        ack.Add(SipHeaderNames.MaxForwards, "70");
        ack.Add(SipHeaderNames.From, Request[SipHeaderNames.From]!);
        ack.Add(SipHeaderNames.To, response[SipHeaderNames.To]!);
        ack.Add(SipHeaderNames.CallId, Request.CallId);
        ack.Add(SipHeaderNames.CSeq, $"{Request.CSeq.Number} {SipMethods.Ack}");
        return ack;
    }
}
