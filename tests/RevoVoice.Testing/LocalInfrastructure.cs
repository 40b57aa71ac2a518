namespace RevoVoice.Testing;

/// <summary>Where the tests find the servers that <c>./revovoice infra up</c> starts.</summary>
public static class LocalInfrastructure
{
    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("REVOVOICE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Pooling=false;Timeout=5";

    public static string ClickHouseHttpEndpoint =>
        Environment.GetEnvironmentVariable("REVOVOICE_TEST_CLICKHOUSE") ?? "http://127.0.0.1:18123";

    public const string HowToStart =
        "Run `./revovoice infra up` from the repository root to start the local PostgreSQL and ClickHouse servers.";

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
