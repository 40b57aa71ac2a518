using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>DI registration of the PostgreSQL event store.</summary>
public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStore"/> (and <see cref="PostgresEventStore"/>), <see cref="ICheckpointStore"/>,
    /// <see cref="PostgresSnapshotStore"/>, <see cref="SubscriptionRunner"/>, the <see cref="EventTypeRegistry"/> filled by <paramref name="registerTypes"/>,
    /// <see cref="EventStoreMigrator"/> and a hosted service that migrates the schema at start-up. Uses its own
    /// connection pool on <paramref name="connectionString"/> (with Npgsql auto-prepare on unless the string sets
    /// <c>Max Auto Prepare</c>) and <see cref="TimeProvider.System"/> unless a
    /// TimeProvider is registered.
    /// </summary>
    public static IServiceCollection AddPostgresEventStore(
        this IServiceCollection services,
        string connectionString,
        Action<EventTypeRegistry> registerTypes,
        Action<EventStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(registerTypes);

        var registry = new EventTypeRegistry();
        registerTypes(registry);
        var options = new EventStoreOptions();
        configure?.Invoke(options);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(registry);
        services.AddSingleton(options);
        // The store runs the same few statements all day: let Npgsql prepare them (saves a parse and plan per call)
        // unless the connection string already decides.
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (connection.MaxAutoPrepare == 0) connection.MaxAutoPrepare = 32;
        services.AddSingleton(_ => new EventStoreDataSource(NpgsqlDataSource.Create(connection.ConnectionString)));
        services.AddSingleton(sp => new PostgresEventStore(
            sp.GetRequiredService<EventStoreDataSource>().DataSource, registry, options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<PostgresEventStore>());
        services.AddSingleton(sp => new PostgresCheckpointStore(
            sp.GetRequiredService<EventStoreDataSource>().DataSource, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<PostgresCheckpointStore>());
        services.AddSingleton(sp => new PostgresSnapshotStore(
            sp.GetRequiredService<EventStoreDataSource>().DataSource, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SubscriptionRunner(
            sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<ICheckpointStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EventStoreMigrator(sp.GetRequiredService<EventStoreDataSource>().DataSource));
        services.AddHostedService<EventStoreMigrationService>();
        return services;
    }
}
