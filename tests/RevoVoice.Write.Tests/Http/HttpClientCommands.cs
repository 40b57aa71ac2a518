using System.Net.Http.Json;
using RevoVoice.Contracts.Calls;

namespace RevoVoice.Write.Tests.Http;

/// <summary>Posting contract commands as the Media service and the agents' desktop do.</summary>
public static class HttpClientCommands
{
    public static Task<HttpResponseMessage> SendAsync<T>(this HttpClient client, string path, T command) =>
        client.PostAsJsonAsync(path, command, WriteService.Json);

    /// <summary>Starts and answers a new call from <paramref name="callerNumber"/>; returns its id.</summary>
    public static async Task<Guid> AnswerNewCallAsync(this HttpClient media, string callerNumber)
    {
        var callId = Guid.NewGuid();
        (await media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, callerNumber, "+441632960999"))).EnsureSuccessStatusCode();
        (await media.SendAsync("/calls/answer", new AnswerCall(Guid.NewGuid(), callId))).EnsureSuccessStatusCode();
        return callId;
    }
}
