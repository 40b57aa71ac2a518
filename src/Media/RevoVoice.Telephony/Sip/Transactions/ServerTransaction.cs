using System.Net;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 17.2 with RFC 6026's Accepted state). The user agent answers through
/// <see cref="Respond"/>; the transaction absorbs request retransmissions, retransmits final responses
/// (INVITE: Timer G until ACK, Timer H; 2xx until the dialog reports the ACK) and expires (Timers I, J, L).
/// </summary>
public sealed class ServerTransaction
{
    private readonly SipTransactionLayer _layer;
    private byte[]? _lastResponse;
    private TimeSpan _interval;

    internal ServerTransaction(SipTransactionLayer layer, TransactionKey key, SipRequest request, IPEndPoint source)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Source = source;
        State = request.Method == SipMethods.Invite ? ServerTransactionState.Proceeding : ServerTransactionState.Trying;
        // A user agent that never answers must not leak the transaction.
        ExpiresAt = layer.Now + layer.Ticks(TimeSpan.FromMinutes(3));
    }

    public TransactionKey Key { get; }

    public SipRequest Request { get; }

    /// <summary>Where the request came from; responses go back there (RFC 3581 symmetric response).</summary>
    public IPEndPoint Source { get; }

    public ServerTransactionState State { get; private set; }

    public bool IsInvite => Request.Method == SipMethods.Invite;

    /// <summary>The final status code sent, or 0.</summary>
    public int FinalStatus { get; private set; }

    /// <summary>The last response sent, for the user agent's bookkeeping (e.g. the To tag of a 2xx).</summary>
    public SipResponse? LastResponse { get; private set; }

    internal long NextRetransmitAt { get; private set; } = long.MaxValue;

    internal long ExpiresAt { get; private set; } = long.MaxValue;

    /// <summary>Sends a response; ignored once a final response was sent (the transaction owns retransmissions).</summary>
    public void Respond(SipResponse response)
    {
        lock (_layer.Gate)
        {
            if (State is ServerTransactionState.Completed or ServerTransactionState.Confirmed or ServerTransactionState.Accepted or ServerTransactionState.Terminated)
                return;
            LastResponse = response;
            _lastResponse = response.ToBytes();
            _layer.Transport.Send(_lastResponse, Source);
            var now = _layer.Now;
            var timers = _layer.Timers;
            if (response.StatusCode < 200)
            {
                if (State == ServerTransactionState.Trying) State = ServerTransactionState.Proceeding;
                return;
            }
            FinalStatus = response.StatusCode;
            if (!IsInvite)
            {
                State = ServerTransactionState.Completed;
                ExpiresAt = now + _layer.Ticks(timers.TransactionTimeout); // Timer J
                return;
            }
            State = response.StatusCode < 300 ? ServerTransactionState.Accepted : ServerTransactionState.Completed;
            _interval = timers.T1;
            NextRetransmitAt = now + _layer.Ticks(_interval); // Timer G (or the UAS core's 2xx retransmission, 13.3.1.4)
            ExpiresAt = now + _layer.Ticks(timers.TransactionTimeout); // Timer H (or Timer L)
        }
    }

    public void Respond(int statusCode, string? toTag = null) => Respond(SipResponse.For(Request, statusCode, toTag));

    /// <summary>The dialog saw the ACK for this transaction's 2xx: stop retransmitting.</summary>
    public void Acknowledged()
    {
        lock (_layer.Gate)
        {
            if (State != ServerTransactionState.Accepted) return;
            State = ServerTransactionState.Terminated;
            NextRetransmitAt = long.MaxValue;
            ExpiresAt = _layer.Now; // keep absorbing nothing; removed on the next tick
        }
    }

    /// <summary>A retransmission of the request arrived (called under the layer's lock).</summary>
    internal void OnRetransmission()
    {
        // A retransmitted INVITE gets the last provisional or final response again; in Accepted it is absorbed (RFC 6026 7.1)
        // except that the 2xx is resent, which helps a peer whose copy was lost.
        if (_lastResponse is not null && State != ServerTransactionState.Terminated) _layer.Transport.Send(_lastResponse, Source);
    }

    /// <summary>The ACK for a non-2xx final response (same branch) arrived (under the lock).</summary>
    internal void OnAck()
    {
        if (State != ServerTransactionState.Completed) return;
        State = ServerTransactionState.Confirmed;
        NextRetransmitAt = long.MaxValue;
        ExpiresAt = _layer.Now + _layer.Ticks(_layer.Timers.T4); // Timer I
    }

    /// <summary>Runs due timers (under the lock); returns true when the transaction is finished.</summary>
    internal bool OnTick(long now, out bool ackTimedOut)
    {
        ackTimedOut = false;
        if (now >= ExpiresAt)
        {
            ackTimedOut = State == ServerTransactionState.Accepted;
            State = ServerTransactionState.Terminated;
            return true;
        }
        if (now >= NextRetransmitAt && _lastResponse is not null)
        {
            _layer.Transport.Send(_lastResponse, Source);
            _interval = _interval * 2 < _layer.Timers.T2 ? _interval * 2 : _layer.Timers.T2;
            NextRetransmitAt = now + _layer.Ticks(_interval);
        }
        return false;
    }
}
