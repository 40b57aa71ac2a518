namespace RevoVoice.Write.Http;

/// <summary>
/// The largest request body accepted. A command is a few kilobytes; a large body is refused before it is read,
/// with Kestrel's limit for streamed bodies and a Content-Length check for the rest (the test server has no limit).
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"The request body is {http.Request.ContentLength} bytes; at most {MaxBodyBytes} are accepted.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
