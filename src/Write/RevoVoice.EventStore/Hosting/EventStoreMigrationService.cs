using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RevoVoice.EventStore;

/// <summary>Migrates the event store schema when the host starts, before the host serves requests.</summary>
internal sealed class EventStoreMigrationService(EventStoreMigrator migrator, EventStoreOptions options, ILogger<EventStoreMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.MigrateOnStartup) return;
        var applied = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Event store schema ready ({Applied} migration(s) applied)", applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
