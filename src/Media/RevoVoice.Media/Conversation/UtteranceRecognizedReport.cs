using RevoVoice.Contracts.Calls;
using RevoVoice.Media.Reporting;

namespace RevoVoice.Media.Conversation;

/// <summary>A caller turn for Write's <c>POST /calls/turns</c> (<c>RecordTurn</c>; intent and sentiment come from the NLU later).</summary>
public sealed record UtteranceRecognizedReport(Guid CallId, DateTimeOffset At, Guid UtteranceId, string Text, double Confidence, long StartMs, long EndMs)
    : CallReport(CallId, At)
{
    public override string Route => "calls/turns";

    public override object Body =>
        new RecordTurn(CommandId, CallId, UtteranceId, Speaker.Caller, Text, Confidence, StartMs, EndMs, Intent: null, Sentiment: null);
}
