using System.Collections.Concurrent;
using RevoVoice.Media.Calls;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>What the test application saw on each call, by SIP Call-ID, for the tests to assert on.</summary>
public sealed class ScenarioLog
{
    private readonly ConcurrentDictionary<string, CallObservation> _calls = new();

    public CallObservation For(string sipCallId) => _calls.GetOrAdd(sipCallId, _ => new CallObservation());

    public IReadOnlyDictionary<string, CallObservation> Calls => _calls;

    /// <summary>Forgets earlier calls (tests sharing a host start from a clean log).</summary>
    public void Clear() => _calls.Clear();

    public async Task<CallObservation> WaitForEndAsync(Func<string, bool> sipCallId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = _calls.FirstOrDefault(c => sipCallId(c.Key) && c.Value.Ended);
            if (match.Value is not null) return match.Value;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching call ended within {timeout}; calls seen: {string.Join(", ", _calls.Keys)}");
    }
}

public sealed class CallObservation
{
    private readonly List<char> _digits = [];

    public int Runs;
    public int EchoedFrames;
    public int ConcealedFrames;
    public bool? TransferAccepted;
    public volatile bool Ended;
    public CallEndReason? EndReason;
    public RtpStreamStatistics? Statistics;

    public IReadOnlyList<char> Digits
    {
        get { lock (_digits) return _digits.ToList(); }
    }

    public void AddDigit(char digit)
    {
        lock (_digits) _digits.Add(digit);
    }
}
