using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Telephony.Dtmf;

/// <summary>
/// Turns RFC 4733 telephone-event packets into one <see cref="DtmfEvent"/> per key press: an event is identified
/// by its RTP timestamp, reported when its end packet arrives (end packets are sent three times; only the first
/// counts), or when a newer event starts before an end was seen (all end packets lost).
/// </summary>
public sealed class DtmfReceiver
{
    private uint? _currentTimestamp;
    private byte _currentEvent;
    private ushort _currentDuration;
    private bool _currentReported;
    private DateTimeOffset _currentStartedAt;

    /// <summary>Feeds one telephone-event packet; returns the key presses it completes (0, 1 or 2).</summary>
    public IReadOnlyList<DtmfEvent> Receive(RtpPacket packet, DateTimeOffset now)
    {
        if (!TelephoneEvent.TryParse(packet.Payload.Span, out var te)) return [];
        var completed = new List<DtmfEvent>(1);
        // A new press: a new timestamp, a different key, or a fresh start after the previous press ended (some
        // generators reuse the timestamp); repeated end packets of the same press carry the E bit and are ignored.
        var isNew = _currentTimestamp != packet.Timestamp || te.Event != _currentEvent || (_currentReported && !te.End && te.Duration < _currentDuration);
        if (isNew)
        {
            if (_currentTimestamp is not null && !_currentReported) Report(completed);
            _currentTimestamp = packet.Timestamp;
            _currentEvent = te.Event;
            _currentDuration = te.Duration;
            _currentReported = false;
            _currentStartedAt = now;
        }
        else if (te.Duration > _currentDuration) _currentDuration = te.Duration;
        if (te.End && !_currentReported) Report(completed);
        return completed;
    }

    private void Report(List<DtmfEvent> completed)
    {
        _currentReported = true;
        var digit = TelephoneEvent.ToDigit(_currentEvent);
        if (digit is null) return;
        completed.Add(new DtmfEvent(digit.Value, TimeSpan.FromMilliseconds(_currentDuration / 8.0), DtmfSource.Rfc4733, _currentStartedAt));
    }
}
