using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RevoVoice.ServiceDefaults;

/// <summary>Readiness checks against the real dependencies a service uses.</summary>
public static class DependencyHealthChecks
{
    public static IHealthChecksBuilder AddPostgresReadiness(this IHealthChecksBuilder checks, string connectionString) =>
        checks.AddAsyncCheck("postgres", async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{connection.Host}:{connection.Port}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {e.Message}");
            }
        }, [ServiceDefaultsExtensions.ReadyTag]);

    public static IHealthChecksBuilder AddClickHouseReadiness(this IHealthChecksBuilder checks, Uri httpEndpoint) =>
        checks.AddAsyncCheck("clickhouse", async cancellationToken =>
        {
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
                using var response = await http.GetAsync(new Uri(httpEndpoint, "/ping"), cancellationToken);
                return response.IsSuccessStatusCode
                    ? HealthCheckResult.Healthy(httpEndpoint.ToString())
                    : HealthCheckResult.Unhealthy($"ClickHouse answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"ClickHouse does not answer: {e.Message}");
            }
        }, [ServiceDefaultsExtensions.ReadyTag]);
}
