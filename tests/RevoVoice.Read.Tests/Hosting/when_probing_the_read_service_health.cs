using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RevoVoice.Testing;

namespace RevoVoice.Read.Tests.Hosting;

public sealed class when_probing_the_read_service_health(PostgresDatabase postgres)
    : IClassFixture<PostgresDatabase>
{
    private WebApplicationFactory<Program> Service(string postgresConnectionString, string clickHouseEndpoint) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
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
