using System.Net;
using System.Text.Json;

namespace RevoVoice.Write.Tests.Http;

/// <summary>Reads an error answer, asserting it is problem details with the expected status.</summary>
public static class Problems
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)expected);
        problem.TryGetProperty("title", out _).Should().BeTrue();
        return problem;
    }

    public static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        (await ReadAsync(response, expected)).GetProperty("detail").GetString()!;
}
