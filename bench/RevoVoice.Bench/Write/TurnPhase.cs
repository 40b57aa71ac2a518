using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RevoVoice.Contracts.Calls;

namespace RevoVoice.Bench.Write;

/// <summary>
/// One phase of the media legs' turns, driven by one thread: it sends each leg's turn when it is due (at once when
/// unpaced), then sleeps in poll() until an answer arrives or the next turn is due, as wrk does. No timer, socket or
/// pool thread has to wake for a turn, so the load generator takes as little as it can of the 2 cores it shares with
/// the service and the database. It never sends a turn early either: Task.Delay truncates its wait to whole
/// milliseconds, so the HttpClient legs it replaced sent a turn due within a millisecond at once, which shortened its
/// measured latency.
/// </summary>
internal sealed class TurnPhase(TurnConnection[] legs, Guid[][] callsOfLeg, long[] turnNumbers, TimeSpan duration, double? pacedRate)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan[] _due = new TimeSpan[legs.Length];
    private readonly TimeSpan[] _sentAt = new TimeSpan[legs.Length];
    private readonly bool[] _waiting = new bool[legs.Length];
    private readonly List<(double AtSeconds, double Ms)>[] _latencies =
        Enumerable.Range(0, legs.Length).Select(_ => new List<(double, double)>(100_000)).ToArray();
    private readonly TimeSpan _interval = pacedRate is { } rate ? TimeSpan.FromSeconds(legs.Length / rate) : TimeSpan.Zero;
    private volatile bool _measuring;

    /// <summary>Time since the phase was created, the clock of its due times and latencies.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Answered turns (status 200) and failed ones since <see cref="StartMeasuring"/>; read them once <see cref="Run"/> returned.</summary>
    public long Turns { get; private set; }
    public long Failures { get; private set; }
    /// <summary>Each measured turn's due time (seconds into the phase) and latency from it.</summary>
    public IEnumerable<(double AtSeconds, double Ms)> Latencies => _latencies.SelectMany(l => l);

    /// <summary>From now on, answers count (the phase's warm-up is over).</summary>
    public void StartMeasuring() => _measuring = true;

    /// <summary>Sends and answers turns until <c>duration</c> has passed, then waits for the answers still due.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        for (var leg = 0; leg < legs.Length; leg++) _due[leg] = _interval * ((double)leg / legs.Length); // spreads the schedules
        var readable = new List<Socket>(legs.Length + 1);
        // Never readable: keeps the poll list non-empty while every leg waits for its next turn.
        using var idle = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        idle.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _clock.Elapsed;
            var nextDue = now < duration ? SendDueTurns(now) : TimeSpan.MaxValue;
            if (now >= duration && !_waiting.Contains(true)) return;
            if (now > duration + AnswerTimeout)
            {
                for (var leg = 0; leg < legs.Length; leg++)
                    if (_waiting[leg]) Finish(leg, ok: false);
                return;
            }

            readable.Clear();
            readable.Add(idle);
            for (var leg = 0; leg < legs.Length; leg++)
                if (_waiting[leg]) readable.Add(legs[leg].Socket!);
            // poll() sleeps whole milliseconds, as wrk2's timers do: rounding up sends a turn at most a millisecond
            // late, never early, and that lateness counts in its latency.
            var sleepMs = nextDue == TimeSpan.MaxValue ? 100 : Math.Clamp((int)Math.Ceiling((nextDue - _clock.Elapsed).TotalMilliseconds), 0, 100);
            Socket.Select(readable, null, null, sleepMs * 1000); // leaves only the readable sockets in the list
            for (var leg = 0; leg < legs.Length; leg++)
                if (_waiting[leg] && readable.Contains(legs[leg].Socket!)) ReadAnswer(leg);
        }
    }

    /// <summary>Sends the turn of every idle leg that is due; returns when the next idle leg is due.</summary>
    private TimeSpan SendDueTurns(TimeSpan now)
    {
        var nextDue = TimeSpan.MaxValue;
        for (var leg = 0; leg < legs.Length; leg++)
        {
            if (_waiting[leg]) continue;
            if (pacedRate is not null && _due[leg] > now)
            {
                if (_due[leg] < nextDue) nextDue = _due[leg];
                continue;
            }
            // Open loop when paced: latency counts from when the turn was due, so a slow answer that delays a leg's
            // next turns shows in their latency too.
            _sentAt[leg] = pacedRate is null ? now : _due[leg];
            _due[leg] += _interval;
            var n = turnNumbers[leg]++;
            var calls = callsOfLeg[leg];
            try
            {
                legs[leg].Send(Turn(calls[n % calls.Length], n));
                _waiting[leg] = true;
            }
            catch (IOException)
            {
                Finish(leg, ok: false);
            }
        }
        return nextDue;
    }

    private void ReadAnswer(int leg)
    {
        try
        {
            if (legs[leg].Receive() is { } status) Finish(leg, status == (int)HttpStatusCode.OK);
        }
        catch (IOException)
        {
            Finish(leg, ok: false);
        }
    }

    private void Finish(int leg, bool ok)
    {
        _waiting[leg] = false;
        if (!_measuring) return;
        if (!ok)
        {
            Failures++;
            return;
        }
        _latencies[leg].Add((_sentAt[leg].TotalSeconds, (_clock.Elapsed - _sentAt[leg]).TotalMilliseconds));
        Turns++;
    }

    // Time-ordered command ids, as Media's reports carry.
    private static RecordTurn Turn(Guid callId, long n) =>
        new(Guid.CreateVersion7(), callId, Guid.NewGuid(), Speaker.Caller, "I would like to check the balance of my account please",
            0.91, n * 3_000L, n * 3_000L + 2_400, new DetectedIntent("check_balance", 0.88, [new IntentEntity("account", "12345678")]),
            n % 3 == 0 ? new DetectedSentiment((n / 3) % 2 == 0 ? Sentiment.Negative : Sentiment.Positive, 0.5) : null);
}
