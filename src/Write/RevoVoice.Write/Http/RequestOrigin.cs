using System.Diagnostics;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Http;

/// <summary>The origin of a command sent over HTTP: correlation from the caller (or the trace), causation = the command id, actor = the token.</summary>
public static class RequestOrigin
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private const int MaxCorrelationLength = 128;

    public static CommandOrigin For(HttpContext http, Guid commandId)
    {
        var correlation = http.Request.Headers[CorrelationHeader].ToString();
        if (string.IsNullOrWhiteSpace(correlation) || correlation.Length > MaxCorrelationLength)
            correlation = Activity.Current?.TraceId.ToHexString() ?? commandId.ToString();
        return new CommandOrigin(correlation, commandId.ToString(), Actor(http));
    }

    public static string Actor(HttpContext http) =>
        $"{http.User.FindFirst("role")?.Value ?? "anonymous"}:{http.User.FindFirst("sub")?.Value ?? "unknown"}";
}
