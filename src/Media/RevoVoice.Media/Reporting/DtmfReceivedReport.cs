using RevoVoice.Contracts.Calls;

namespace RevoVoice.Media.Reporting;

/// <summary>RecordDtmf: the caller pressed a key.</summary>
public sealed record DtmfReceivedReport(Guid CallId, DateTimeOffset At, char Digit, int DurationMs, string Source) : CallReport(CallId, At)
{
    public override string Route => "calls/dtmf";

    public override object Body => new RecordDtmf(CommandId, CallId, Digit.ToString());
}
