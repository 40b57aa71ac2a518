using RevoVoice.Contracts;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Http;

namespace RevoVoice.Write.Calls;

/// <summary>The shape most call endpoints share: one decision on an existing call, on behalf of the request.</summary>
public static class CallCommands
{
    /// <summary>Runs <paramref name="decide"/> on the call's stream (404 when the call does not exist).</summary>
    public static Task<CommandResult> OnCallAsync(this AggregateStore aggregates, Guid callId, Guid commandId, HttpContext http,
        Func<Call, IReadOnlyList<object>> decide, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(StreamNames.Call(callId), callId, commandId, RequestOrigin.For(http, commandId), create: false,
            decide, cancellationToken);
}
