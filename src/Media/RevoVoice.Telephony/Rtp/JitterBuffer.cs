using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// An adaptive playout buffer for one received audio stream. Packets are placed by RTP timestamp into 20 ms
/// slots (so any packet time works and reordering is undone); playout takes one slot per 20 ms tick after a
/// target delay, conceals a missing slot by repeating the last frame with fading (then silence), drops packets
/// that arrive after their slot was played, and adapts the target delay to the measured interarrival jitter:
/// it grows by rebuffering after an underrun and shrinks by skipping a frame when the backlog exceeds it.
/// Not thread-safe: the RTP session serialises access.
/// </summary>
public sealed class JitterBuffer
{
    private const int Samples = AudioFrame.SamplesPerFrame;
    private const int MaxConcealedInARow = 5;

    private readonly SortedDictionary<long, Slot> _slots = [];
    private readonly int _minDelayFrames;
    private readonly int _maxDelayFrames;
    private readonly int _capacityFrames;
    private long? _baseTimestamp;
    private long _nextIndex;
    private bool _playing;
    private int _concealedInARow;
    private short[]? _lastFrame;
    private long _lastPlayedIndex = -1;

    public JitterBuffer(int minDelayFrames = 2, int maxDelayFrames = 12, int capacityFrames = 100)
    {
        _minDelayFrames = minDelayFrames;
        _maxDelayFrames = maxDelayFrames;
        _capacityFrames = capacityFrames;
        TargetDelayFrames = minDelayFrames;
    }

    /// <summary>Frames held back before playout starts (adapted to jitter).</summary>
    public int TargetDelayFrames { get; private set; }

    public int BufferedFrames => _slots.Count;

    public long LatePackets { get; private set; }

    public long DuplicatePackets { get; private set; }

    public long ConcealedFrames { get; private set; }

    public long SkippedFrames { get; private set; }

    /// <summary>Adds a packet's decoded samples at its extended (unwrapped) RTP timestamp.</summary>
    public void Insert(long extendedTimestamp, ReadOnlySpan<short> samples, DateTimeOffset arrival)
    {
        _baseTimestamp ??= extendedTimestamp;
        var position = extendedTimestamp - _baseTimestamp.Value;
        if (position < 0)
        {
            LatePackets++;
            return;
        }
        var index = position / Samples;
        var offset = (int)(position % Samples);
        if (index <= _lastPlayedIndex || (_playing && index < _nextIndex))
        {
            LatePackets++;
            return;
        }
        while (!samples.IsEmpty)
        {
            if (!_slots.TryGetValue(index, out var slot))
            {
                slot = new Slot(new short[Samples], (uint)(_baseTimestamp.Value + index * Samples), arrival);
                _slots[index] = slot;
            }
            else if (offset == 0 && slot.Filled >= Samples)
            {
                DuplicatePackets++;
                return;
            }
            var take = Math.Min(samples.Length, Samples - offset);
            samples[..take].CopyTo(slot.Samples.AsSpan(offset));
            slot.Filled = Math.Max(slot.Filled, offset + take);
            samples = samples[take..];
            offset = 0;
            index++;
        }
        while (_slots.Count > _capacityFrames) _slots.Remove(_slots.Keys.First());
    }

    /// <summary>Called every 20 ms; false while (re)buffering or idle.</summary>
    public bool TryPlayout(DateTimeOffset now, out AudioFrame frame)
    {
        frame = default;
        if (!_playing)
        {
            if (_slots.Count < TargetDelayFrames) return false;
            _playing = true;
            _nextIndex = _slots.Keys.First();
            _concealedInARow = 0;
        }
        // Shrink a backlog that grew beyond the target (e.g. after a burst), one frame per tick.
        if (_slots.Count > TargetDelayFrames + 3 && _slots.Remove(_nextIndex))
        {
            SkippedFrames++;
            _nextIndex++;
        }
        if (_slots.Remove(_nextIndex, out var slot))
        {
            _lastFrame = slot.Samples;
            _lastPlayedIndex = _nextIndex;
            _concealedInARow = 0;
            _nextIndex++;
            frame = new AudioFrame(slot.Samples, slot.Timestamp, slot.Arrival, Concealed: false);
            return true;
        }
        if (_slots.Count == 0 && _concealedInARow >= MaxConcealedInARow)
        {
            // The stream stopped (hold, silence suppression, end of call): wait for it and rebuffer with a longer target.
            _playing = false;
            TargetDelayFrames = Math.Min(_maxDelayFrames, TargetDelayFrames + 1);
            return false;
        }
        _concealedInARow++;
        ConcealedFrames++;
        var concealed = new short[Samples];
        if (_lastFrame is not null && _concealedInARow <= 3)
        {
            var gain = MathF.Pow(0.6f, _concealedInARow);
            for (var i = 0; i < Samples; i++) concealed[i] = (short)(_lastFrame[i] * gain);
        }
        var timestamp = (uint)((_baseTimestamp ?? 0) + _nextIndex * Samples);
        _lastPlayedIndex = _nextIndex;
        _nextIndex++;
        frame = new AudioFrame(concealed, timestamp, now, Concealed: true);
        return true;
    }

    /// <summary>Sets the target from the measured interarrival jitter: enough slack for about twice the jitter.</summary>
    public void Adapt(double jitterMs)
    {
        var wanted = (int)Math.Ceiling((2 * jitterMs + 10) / 20.0) + 1;
        TargetDelayFrames = Math.Clamp(Math.Max(wanted, TargetDelayFrames - 1), _minDelayFrames, _maxDelayFrames);
    }

    /// <summary>Forgets everything (new SSRC).</summary>
    public void Reset()
    {
        _slots.Clear();
        _baseTimestamp = null;
        _playing = false;
        _lastFrame = null;
        _lastPlayedIndex = -1;
        _concealedInARow = 0;
    }

    private sealed class Slot(short[] samples, uint timestamp, DateTimeOffset arrival)
    {
        public short[] Samples { get; } = samples;
        public uint Timestamp { get; } = timestamp;
        public DateTimeOffset Arrival { get; } = arrival;
        public int Filled { get; set; }
    }
}
