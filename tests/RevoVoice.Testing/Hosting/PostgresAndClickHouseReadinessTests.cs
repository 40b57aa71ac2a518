using System.Net;
using Microsoft.AspNetCore.Hosting;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RevoVoice.Testing.Hosting;

/// <summary>
/// The health probes of a service that reads PostgreSQL and ClickHouse: live while the process runs, ready only while
/// both answer. A test class per service derives from it with the service's entry point.
/// </summary>
public abstract class PostgresAndClickHouseReadinessTests<TEntryPoint>(PostgresDatabase postgres)
    where TEntryPoint : class
{
    private static WebApplicationFactory<TEntryPoint> Service(string postgresConnectionString, string clickHouseEndpoint) =>
        new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:Postgres", postgresConnectionString);
            host.UseSetting("RevoVoice:ClickHouse:HttpEndpoint", clickHouseEndpoint);
        });

    [Fact]
    public async Task it_is_live_and_ready_when_postgres_and_clickhouse_answer()
    {
        await using var service = Service(postgres.ConnectionString, LocalInfrastructure.ClickHouseHttpEndpoint);
        using var client = service.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        ready.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().Contain("\"postgres\"").And.Contain("\"clickhouse\"");
    }

    [Fact]
    public async Task it_is_live_but_not_ready_when_clickhouse_is_unreachable()
    {
        await using var service = Service(postgres.ConnectionString, "http://127.0.0.1:1");
        using var client = service.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("ClickHouse does not answer");
    }

    [Fact]
    public async Task it_is_not_ready_when_postgres_is_unreachable()
    {
        await using var service = Service("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2", LocalInfrastructure.ClickHouseHttpEndpoint);
        using var client = service.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("PostgreSQL does not answer");
    }
}
