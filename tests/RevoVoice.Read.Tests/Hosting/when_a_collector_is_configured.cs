using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Testing;

namespace RevoVoice.Read.Tests.Hosting;

public sealed class when_a_collector_is_configured(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task the_service_exports_traces_and_metrics_over_otlp()
    {
        var received = new ConcurrentQueue<string>();
        await using var collector = await StartCollectorAsync(received);
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var service = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:Postgres", postgres.ConnectionString);
            host.UseSetting("RevoVoice:ClickHouse:HttpEndpoint", LocalInfrastructure.ClickHouseHttpEndpoint);
            host.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            host.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            host.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
            host.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "200");
        });
        using var client = service.CreateClient();
        await client.GetAsync("/no-such-page");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !(received.Contains("/v1/traces") && received.Contains("/v1/metrics")))
            await Task.Delay(100);

        received.Should().Contain("/v1/traces").And.Contain("/v1/metrics");
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<string> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", (HttpContext context) =>
        {
            received.Enqueue(context.Request.Path.Value!);
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
