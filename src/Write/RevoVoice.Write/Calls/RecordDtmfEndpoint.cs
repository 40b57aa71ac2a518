using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;
using Wolverine.Http;

namespace RevoVoice.Write.Calls;

/// <summary>Media: the caller pressed keys (0-9, *, #, A-D).</summary>
public static class RecordDtmfEndpoint
{
    public static ProblemDetails Validate(RecordDtmf command) => Validation.Result(
        Validation.Id(command.CommandId, "commandId"),
        Validation.Id(command.CallId, "callId"),
        Validation.Text(command.Digits, "digits", 64),
        command.Digits?.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or 'A' or 'B' or 'C' or 'D') == false ? "digits may hold only 0-9, *, # and A-D." : null);

    [WolverinePost("/calls/dtmf"), Authorize(Roles = RevoVoiceRoles.Media)]
    public static Task<CommandResult> Post(RecordDtmf command, AggregateStore aggregates, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        aggregates.OnCallAsync(command.CallId, command.CommandId, http, call => call.RecordDtmf(command), cancellationToken);
}
