using RevoVoice.Contracts.Calls;

namespace RevoVoice.Media.Reporting;

/// <summary>AnswerCall: we sent 200 OK and the call application runs.</summary>
public sealed record CallAnsweredReport(Guid CallId, DateTimeOffset At, string Application, string Codec) : CallReport(CallId, At)
{
    public override string Route => "calls/answer";

    public override object Body => new AnswerCall(CommandId, CallId);
}
