using RevoVoice.Contracts.Calls;

namespace RevoVoice.Media.Reporting;

/// <summary>EndCall with the reason (CallerHungUp, PlatformHungUp, Cancelled, Transferred, MediaTimeout, ...); the media counters are logged.</summary>
public sealed record CallEndedReport(
    Guid CallId, DateTimeOffset At, string Reason, double DurationSeconds,
    long PacketsReceived, long PacketsLost, double JitterMs) : CallReport(CallId, At)
{
    public override string Route => "calls/end";

    public override object Body => new EndCall(CommandId, CallId, Reason);
}
