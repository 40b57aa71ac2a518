using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Media: one turn of conversation (utterance, intent, sentiment change) appended as one atomic batch.</summary>
public static class RecordTurnEndpoint
{
    public static ProblemDetails Validate(RecordTurn command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Id(command.UtteranceId, "utteranceId"),
        Validation.Defined(command.Speaker, "speaker"),
        Validation.Text(command.Text, "text"),
        Validation.Range(command.Confidence, 0, 1, "confidence"),
        Validation.Range(command.StartMs, 0, long.MaxValue, "startMs"),
        command.EndMs < command.StartMs ? "endMs must not be before startMs." : null,
        command.Intent is { } intent ? Validation.Text(intent.Name, "intent.name", Validation.MaxNameLength) ?? Validation.Range(intent.Confidence, 0, 1, "intent.confidence") : null,
        command.Intent?.Entities is { } entities && entities.Any(e => string.IsNullOrWhiteSpace(e.Name) || e.Value is null) ? "every entity needs a name and a value." : null,
        command.Sentiment is { } sentiment ? Validation.Defined(sentiment.Label, "sentiment.label") ?? Validation.Range(sentiment.Score, -1, 1, "sentiment.score") : null);

    [WolverinePost("/calls/turns"), Authorize(Roles = RevoVoiceRoles.Media + "," + RevoVoiceRoles.Agent)]
    public static Task<CommandResult> Post(RecordTurn command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.RecordTurn(command), cancellationToken);
}
