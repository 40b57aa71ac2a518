namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// The 20 ms heartbeat of every RTP session in the process. Sessions are spread over one dedicated thread per
/// core (shards); each thread ticks on absolute deadlines (start + n * 20 ms) of the monotonic clock, so the send
/// rate never drifts however long a call lasts. A thread sleeps precisely until each deadline (clock_nanosleep on
/// Linux), optionally at real-time priority. Each tick runs two passes over its sessions: all sends first (timing matters), then receive playout.
/// On Linux each shard also reads its sessions' RTP sockets on its own thread (<see cref="RtpReceiver"/>).
/// </summary>
public sealed class MediaClock : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly long _period;
    private readonly Shard[] _shards;
    private volatile bool _stopping;
    private long _ticks;
    private long _overruns;

    private readonly bool _realtime;
    private int _realtimeThreads;

    /// <param name="threads">clock threads (default: one per processor).</param>
    /// <param name="realtimePriority">run the clock threads under SCHED_FIFO when the OS permits (Linux, CAP_SYS_NICE).</param>
    public MediaClock(TimeProvider time, int? threads = null, bool realtimePriority = false)
    {
        _time = time;
        _realtime = realtimePriority;
        _period = (long)(Period.TotalSeconds * time.TimestampFrequency);
        _shards = Enumerable.Range(0, Math.Max(1, threads ?? Environment.ProcessorCount)).Select(_ => new Shard()).ToArray();
    }

    /// <summary>Ticks whose work took longer than five periods (the clock then resynchronises instead of bursting).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>The shards read their sessions' RTP sockets (Linux); elsewhere each session reads its own.</summary>
    internal bool ReceivesRtp => RtpReceiver.IsSupported;

    public int SessionCount => _shards.Sum(s => s.Sessions.Length);

    /// <summary>Clock threads that got real-time priority.</summary>
    public int RealtimeThreads => Volatile.Read(ref _realtimeThreads);

    internal void Add(RtpSession session)
    {
        lock (_gate)
        {
            var shard = _shards.MinBy(s => s.Sessions.Length)!;
            if (shard.Thread is null && !_stopping)
            {
                shard.Thread = new Thread(() => Run(shard)) { IsBackground = true, Name = "revovoice-media-clock", Priority = ThreadPriority.AboveNormal };
                shard.Thread.Start();
                if (ReceivesRtp) shard.Receiver = new RtpReceiver();
            }
            // Registered for reading first: a session the receiver refused must not tick with nobody reading it.
            shard.Receiver?.Add(session);
            shard.Sessions = [.. shard.Sessions, session];
        }
    }

    internal void Remove(RtpSession session)
    {
        lock (_gate)
            foreach (var shard in _shards)
            {
                if (!shard.Sessions.Contains(session)) continue;
                shard.Sessions = shard.Sessions.Where(s => !ReferenceEquals(s, session)).ToArray();
                shard.Receiver?.Remove(session);
            }
    }

    private void Run(Shard shard)
    {
        if (_realtime && PreciseSleep.TryUseRealtimePriority()) Interlocked.Increment(ref _realtimeThreads);
        var next = _time.GetTimestamp() + _period;
        while (!_stopping)
        {
            long remaining;
            while ((remaining = next - _time.GetTimestamp()) > 0) PreciseSleep.Sleep(TimeSpan.FromSeconds(remaining / (double)_time.TimestampFrequency));
            var sessions = shard.Sessions;
            foreach (var session in sessions) session.TickSend(next);
            var now = _time.GetUtcNow();
            foreach (var session in sessions) session.TickReceive(now);
            Interlocked.Increment(ref _ticks);
            next += _period;
            var late = _time.GetTimestamp() - next;
            if (late > 5 * _period)
            {
                // A stall (GC, CPU starvation): skip the missed ticks rather than sending a burst.
                Interlocked.Increment(ref _overruns);
                next += (late / _period + 1) * _period;
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var shard in _shards)
        {
            if (shard.Thread is { } thread && thread != Thread.CurrentThread) thread.Join(TimeSpan.FromSeconds(1));
            shard.Receiver?.Dispose();
        }
    }

    internal static double ToMilliseconds(long timestampDelta, TimeProvider time) => timestampDelta * 1000.0 / time.TimestampFrequency;

    private sealed class Shard
    {
        public volatile RtpSession[] Sessions = [];
        public Thread? Thread;
        public RtpReceiver? Receiver;
    }
}
