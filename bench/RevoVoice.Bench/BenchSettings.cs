namespace RevoVoice.Bench;

/// <summary>What every benchmark area may need: where the local servers are and any extra arguments.</summary>
public sealed record BenchSettings(string PostgresAdminConnectionString, string ClickHouseHttpEndpoint, string RepositoryRoot, IReadOnlyList<string> Arguments)
{
    public static BenchSettings FromEnvironment(IReadOnlyList<string> arguments) => new(
        Environment.GetEnvironmentVariable("REVOVOICE_BENCH_POSTGRES")
            ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Timeout=5",
        Environment.GetEnvironmentVariable("REVOVOICE_BENCH_CLICKHOUSE") ?? "http://127.0.0.1:18123",
        Environment.GetEnvironmentVariable("REVOVOICE_ROOT") ?? Directory.GetCurrentDirectory(),
        arguments);
}
