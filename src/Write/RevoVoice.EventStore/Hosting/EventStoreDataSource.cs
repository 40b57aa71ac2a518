using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>The event store's own connection pool, kept apart from any NpgsqlDataSource the host registers.</summary>
internal sealed class EventStoreDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
