using System.Net.Http;

namespace RevoVoice.Testing;

/// <summary>
/// A fresh ClickHouse database for one test class (use it as an <c>IClassFixture</c>), created on the
/// local server and dropped when the class is done.
/// </summary>
public sealed class ClickHouseDatabase : IAsyncLifetime
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(LocalInfrastructure.ClickHouseHttpEndpoint) };

    public string DatabaseName { get; } = LocalInfrastructure.UniqueName("rv_test");

    /// <summary>A ClickHouse.Driver connection string that works against the 18.16 server and current ones.</summary>
    public string ConnectionString
    {
        get
        {
            var uri = new Uri(LocalInfrastructure.ClickHouseHttpEndpoint);
            return $"Host={uri.Host};Port={uri.Port};Protocol=http;Username=default;Database={DatabaseName};" +
                   "Compression=false;JsonReadMode=None;JsonWriteMode=None";
        }
    }

    /// <summary>Runs one statement over the HTTP interface and returns the response body.</summary>
    public async Task<string> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(
            $"/?database={Uri.EscapeDataString(DatabaseName)}", new StringContent(sql), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"ClickHouse refused `{sql}`: {body}");
        return body;
    }

    public async Task InitializeAsync()
    {
        try
        {
            using var response = await _http.PostAsync("/", new StringContent($"CREATE DATABASE {DatabaseName}"));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"ClickHouse refused to create {DatabaseName}: {body}");
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException(
                $"No ClickHouse server answers at {LocalInfrastructure.ClickHouseHttpEndpoint}. {LocalInfrastructure.HowToStart}", e);
        }
    }

    public async Task DisposeAsync()
    {
        using var response = await _http.PostAsync("/", new StringContent($"DROP DATABASE IF EXISTS {DatabaseName}"));
        _http.Dispose();
    }
}
