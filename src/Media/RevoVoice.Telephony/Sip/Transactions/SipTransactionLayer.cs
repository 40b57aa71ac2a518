using System.Net;
using RevoVoice.Telephony.Sip.Messages;
using RevoVoice.Telephony.Sip.Transport;

namespace RevoVoice.Telephony.Sip.Transactions;

/// <summary>
/// Matches messages to transactions, creates server transactions for new requests, sends client transactions,
/// and runs every transaction's timers from one 10 ms tick on a monotonic clock. One lock guards all
/// transaction state; the transaction user is called outside it.
/// </summary>
public sealed class SipTransactionLayer : IAsyncDisposable
{
    private readonly Dictionary<TransactionKey, ServerTransaction> _server = [];
    private readonly Dictionary<TransactionKey, ClientTransaction> _client = [];
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private ITransactionUser? _user;
    private Task? _ticking;
    private long _retransmissionsAbsorbed;
    private int _disposed;

    public SipTransactionLayer(UdpSipTransport transport, TimeProvider time, SipTimers? timers = null)
    {
        Transport = transport;
        _time = time;
        Timers = timers ?? SipTimers.Default;
    }

    internal object Gate { get; } = new();

    public UdpSipTransport Transport { get; }

    public SipTimers Timers { get; }

    internal long Now => _time.GetTimestamp();

    internal long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Requests recognised as retransmissions and absorbed by their transaction.</summary>
    public long RetransmissionsAbsorbed => Interlocked.Read(ref _retransmissionsAbsorbed);

    public int ServerTransactionCount
    {
        get { lock (Gate) return _server.Count; }
    }

    public void Start(ITransactionUser user)
    {
        _user = user;
        Transport.Start(OnMessage);
        _ticking = Task.Run(() => TickLoopAsync(_stop.Token));
    }

    /// <summary>Sends a request in a new client transaction; the request's top Via must carry a fresh branch.</summary>
    public ClientTransaction Send(SipRequest request, IPEndPoint destination, Action<SipResponse>? provisional = null)
    {
        var key = TransactionKey.ForClient(request.TopVia.Branch ?? throw new ArgumentException("The request's Via has no branch."), request.Method);
        var transaction = new ClientTransaction(this, key, request, destination, provisional);
        lock (Gate) _client[key] = transaction;
        transaction.SendFirst();
        return transaction;
    }

    /// <summary>Sends a message outside any transaction (the ACK for a 2xx, RFC 3261 13.2.2.4).</summary>
    public void SendStateless(SipMessage message, IPEndPoint destination) => Transport.Send(message, destination);

    /// <summary>The INVITE server transaction a CANCEL refers to (same branch and sent-by, 9.2).</summary>
    public ServerTransaction? FindInviteFor(SipRequest cancel)
    {
        var key = TransactionKey.ForServer(cancel) with { Method = SipMethods.Invite };
        lock (Gate) return _server.GetValueOrDefault(key);
    }

    private void OnMessage(SipMessage message, IPEndPoint source)
    {
        var user = _user!;
        if (message is SipResponse response)
        {
            Action? callback = null;
            bool matched;
            lock (Gate)
            {
                matched = _client.TryGetValue(TransactionKey.ForClient(response), out var transaction);
                if (matched) callback = transaction!.OnResponse(response);
            }
            if (matched) callback?.Invoke();
            else user.OnStrayResponse(response, source);
            return;
        }

        var request = (SipRequest)message;
        var key = TransactionKey.ForServer(request);
        ServerTransaction? created = null;
        lock (Gate)
        {
            if (_server.TryGetValue(key, out var existing))
            {
                if (request.Method == SipMethods.Ack)
                {
                    if (existing.State is ServerTransactionState.Completed or ServerTransactionState.Confirmed)
                    {
                        existing.OnAck();
                        return;
                    }
                    // The ACK of a 2xx carries a new branch, so it normally never gets here; if a peer reuses the
                    // branch, let the dialog see it.
                }
                else
                {
                    Interlocked.Increment(ref _retransmissionsAbsorbed);
                    existing.OnRetransmission();
                    return;
                }
            }
            else if (request.Method != SipMethods.Ack)
            {
                created = new ServerTransaction(this, key, request, source);
                _server[key] = created;
                // 100 Trying at once: the INVITE's retransmissions stop, and we never need Timer 200 ms logic (17.2.1).
                if (created.IsInvite) created.Respond(SipResponse.For(request, SipStatus.Trying));
            }
        }
        if (created is not null) user.OnRequest(created);
        else user.OnAck(request, source);
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10), _time);
        var callbacks = new List<Action>();
        var ackTimeouts = new List<ServerTransaction>();
        var finished = new List<TransactionKey>();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (Gate)
                {
                    var now = Now;
                    foreach (var (key, transaction) in _server)
                    {
                        if (!transaction.OnTick(now, out var ackTimedOut)) continue;
                        finished.Add(key);
                        if (ackTimedOut) ackTimeouts.Add(transaction);
                    }
                    foreach (var key in finished) _server.Remove(key);
                    finished.Clear();
                    foreach (var (key, transaction) in _client)
                    {
                        if (!transaction.OnTick(now, out var callback)) continue;
                        finished.Add(key);
                        if (callback is not null) callbacks.Add(callback);
                    }
                    foreach (var key in finished) _client.Remove(key);
                    finished.Clear();
                }
                foreach (var callback in callbacks) callback();
                foreach (var transaction in ackTimeouts) _user!.OnAckTimeout(transaction);
                callbacks.Clear();
                ackTimeouts.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        if (_ticking is not null) await _ticking;
        await Transport.DisposeAsync();
        lock (Gate)
        {
            foreach (var transaction in _client.Values) transaction.Cancel();
            _client.Clear();
            _server.Clear();
        }
        _stop.Dispose();
    }
}
