using System.Net.Http.Json;

namespace RevoVoice.Write.Tests.Http;

/// <summary>Posting contract commands as the Media service and the agents' desktop do.</summary>
public static class HttpClientCommands
{
    public static Task<HttpResponseMessage> SendAsync<T>(this HttpClient client, string path, T command) =>
        client.PostAsJsonAsync(path, command, WriteService.Json);
}
