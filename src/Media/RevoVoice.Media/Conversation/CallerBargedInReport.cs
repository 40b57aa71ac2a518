using RevoVoice.Contracts.Calls;
using RevoVoice.Media.Reporting;

namespace RevoVoice.Media.Conversation;

/// <summary>The caller spoke over the bot, for Write's <c>POST /calls/barge-ins</c> (<c>RecordBargeIn</c>); <paramref name="AtMs"/> is call time.</summary>
public sealed record CallerBargedInReport(Guid CallId, DateTimeOffset At, long AtMs) : CallReport(CallId, At)
{
    public override string Route => "calls/barge-ins";

    public override object Body => new RecordBargeIn(CommandId, CallId, AtMs);
}
