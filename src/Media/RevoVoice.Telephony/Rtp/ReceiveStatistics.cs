namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// RFC 3550 receiver bookkeeping for one source (A.1, A.3, A.8): extended highest sequence number, expected
/// and lost packets, interarrival jitter, and what an RTCP report block needs.
/// </summary>
public sealed class ReceiveStatistics
{
    private long? _baseSequence;
    private long _highestSequence;
    private long _received;
    private long? _lastTransit;
    private double _jitter; // in timestamp units
    private long _expectedPrior;
    private long _receivedPrior;

    public long Received => _received;

    public long HighestExtendedSequence => _highestSequence;

    public long Expected => _baseSequence is null ? 0 : _highestSequence - _baseSequence.Value + 1;

    public long Lost => Math.Max(0, Expected - _received);

    /// <summary>Interarrival jitter in milliseconds (8 kHz clock).</summary>
    public double JitterMs => _jitter / 8.0;

    public uint JitterTimestampUnits => (uint)_jitter;

    /// <summary>Accounts for a packet; returns its extended sequence number. <paramref name="arrivalTimestampUnits"/> is the arrival time on the 8 kHz clock.</summary>
    public long Accept(ushort sequence, uint rtpTimestamp, long arrivalTimestampUnits)
    {
        long extended;
        if (_baseSequence is null)
        {
            _baseSequence = sequence;
            _highestSequence = sequence;
            extended = sequence;
        }
        else
        {
            var delta = (short)(sequence - (ushort)_highestSequence);
            extended = _highestSequence + delta;
            if (extended > _highestSequence) _highestSequence = extended;
        }
        _received++;
        var transit = arrivalTimestampUnits - rtpTimestamp;
        if (_lastTransit is not null)
        {
            var d = Math.Abs((double)(int)(transit - _lastTransit.Value));
            _jitter += (d - _jitter) / 16.0;
        }
        _lastTransit = transit;
        return extended;
    }

    /// <summary>The fraction lost since the previous report (0-255) and resets the interval (RFC 3550 A.3).</summary>
    public byte TakeFractionLost()
    {
        var expectedInterval = Expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = Expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        return expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }

    public void Reset()
    {
        _baseSequence = null;
        _highestSequence = 0;
        _received = 0;
        _lastTransit = null;
        _jitter = 0;
        _expectedPrior = 0;
        _receivedPrior = 0;
    }
}
