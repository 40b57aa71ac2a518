using RevoVoice.Contracts.Calls;
using RevoVoice.Media.Reporting;

namespace RevoVoice.Media.Conversation;

/// <summary>
/// The bot spoke, for Write's <c>POST /calls/bot-responses</c> (<c>RecordBotResponse</c>). <paramref name="LatencyMs"/>
/// runs from the end-of-turn decision (for the greeting: from the INVITE) to the first packet of the answer on the wire.
/// </summary>
public sealed record BotRespondedReport(Guid CallId, DateTimeOffset At, string Text, int LatencyMs) : CallReport(CallId, At)
{
    public override string Route => "calls/bot-responses";

    public override object Body => new RecordBotResponse(CommandId, CallId, Text, LatencyMs);
}
