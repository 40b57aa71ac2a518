using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RevoVoice.EventStore.Tests.Support;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests;

public sealed class HostingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task when_the_host_starts_the_di_registered_store_is_migrated_and_usable()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPostgresEventStore(database.ConnectionString, types => types
            .Register("note-taken.v1", TestJsonContext.Default.NoteTaken), options => options.ReadPageSize = 100);
        using var host = builder.Build();
        await host.StartAsync();

        var store = host.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync("hosted-1", ExpectedRevision.NoStream, [TestStore.Note("h", "hello")]);
        var events = await store.ReadStreamAsync("hosted-1", Direction.Forwards, 0).ToListAsync();

        events.Single().Event.Should().Be(new NoteTaken("h", "hello"));
        host.Services.GetRequiredService<ICheckpointStore>().Should().BeOfType<PostgresCheckpointStore>();
        host.Services.GetRequiredService<SubscriptionRunner>().Should().NotBeNull();
        await host.StopAsync();
    }
}
