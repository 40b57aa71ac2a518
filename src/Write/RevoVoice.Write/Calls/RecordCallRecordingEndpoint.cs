using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Media: a consented recording of the call was stored.</summary>
public static class RecordCallRecordingEndpoint
{
    public const int MaxPathLength = 1_024;

    /// <summary>A day: longer than any call, short enough to catch a duration in the wrong unit.</summary>
    public const double MaxDurationSeconds = 86_400;

    public static ProblemDetails Validate(RecordCallRecording command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.Path, "path", MaxPathLength),
        Validation.Range(command.DurationSeconds, 0, MaxDurationSeconds, "durationSeconds"));

    [WolverinePost("/calls/recordings"), Authorize(Roles = RevoVoiceRoles.Media)]
    public static Task<CommandResult> Post(RecordCallRecording command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.RecordRecording(command, time.GetUtcNow()), cancellationToken);
}
