using System.Threading.Channels;
using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>
/// Wakes subscriptions (in any process) after appends commit, by sending <c>NOTIFY eventstore_events</c> from its
/// own statement rather than inside the append transaction: a NOTIFY in the append would take PostgreSQL's global
/// notify lock across the commit's WAL flush and serialise all committing appenders. Bursts of appends coalesce into
/// one notification. A lost notification only costs latency: subscriptions also poll.
/// </summary>
internal sealed class AppendNotifier : IAsyncDisposable
{
    public const string Channel = "eventstore_events";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<bool> _pending = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _loop;

    public AppendNotifier(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _loop = Task.Run(SendLoopAsync);
    }

    public void Signal() => _pending.Writer.TryWrite(true);

    private async Task SendLoopAsync()
    {
        await foreach (var _ in _pending.Reader.ReadAllAsync())
        {
            try
            {
                await using var command = _dataSource.CreateCommand($"NOTIFY {Channel}");
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
            {
                // Subscriptions fall back to polling; the next append tries again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }
}
