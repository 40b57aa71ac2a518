using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using RevoVoice.EventStore;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Http;

/// <summary>Turns every failure of a command into RFC 7807 problem details with the status the API promises.</summary>
public sealed partial class ProblemDetailsExceptionHandler(ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            JsonException e => (400, "Malformed request body", e.Message),
            BadHttpRequestException { StatusCode: 413 } => (413, "Request body too large", $"The request body exceeds {RequestLimits.MaxBodyBytes} bytes."),
            BadHttpRequestException e when e.InnerException is JsonException j => (400, "Malformed request body", j.Message),
            BadHttpRequestException e => (400, "Bad request", e.Message),
            NotFoundException e => (404, "Not found", e.Message),
            StateConflictException e => (409, "Conflict with the current state", e.Message),
            ConcurrencyConflictException e => (409, "Concurrent update", e.Message),
            RuleViolationException e => (422, "The command breaks a rule", e.Message),
            EventTooLargeException e => (422, "The command is too large to record", e.Message),
            EventStoreUnavailableException => (503, "The event store is unavailable", "Retry the command; it was not applied."),
            _ => (500, "Internal error", "The command failed unexpectedly; it may be retried with the same command id."),
        };
        if (status >= 500) LogFailure(exception, http.Request.Path);
        await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
        return true;
    }

    [LoggerMessage(LogLevel.Error, "Command at {Path} failed")]
    private partial void LogFailure(Exception exception, string path);
}
