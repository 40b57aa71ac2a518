using System.Threading.Channels;
using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>
/// Wakes the subscriptions (every process's LISTEN on <see cref="SubscriptionPump.NotifyChannel"/>) after appends
/// commit: one NOTIFY on its own connection, outside the append transactions, and at most one per
/// <see cref="EventStoreOptions.CommitNotifyInterval"/>; commits signalled meanwhile share the next one. Sent from inside
/// the append transaction, the NOTIFY held PostgreSQL's notify lock through the commit's WAL flush and woke every
/// subscription once per group commit (see Sql/7_NotifyAfterCommit.sql). A notification that cannot be sent is left to
/// the subscriptions' polling fallback.
/// </summary>
internal sealed class CommitNotifier : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _interval;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task _loop;

    public CommitNotifier(NpgsqlDataSource dataSource, TimeSpan interval)
    {
        _dataSource = dataSource;
        _interval = interval;
        _loop = Task.Run(NotifyLoopAsync);
    }

    /// <summary>Events were committed; the subscriptions will hear of it.</summary>
    public void Signal() => _signals.Writer.TryWrite(true);

    private async Task NotifyLoopAsync()
    {
        NpgsqlConnection? connection = null;
        try
        {
            while (await _signals.Reader.WaitToReadAsync())
            {
                _signals.Reader.TryRead(out _);
                try
                {
                    connection ??= await OpenAsync();
                    await using var notify = new NpgsqlCommand($"NOTIFY {SubscriptionPump.NotifyChannel}", connection);
                    await notify.ExecuteNonQueryAsync();
                }
                catch (Exception)
                {
                    // Best effort whatever went wrong (a lost server, no connection slot left): the loop must outlive
                    // it, and the subscriptions' polling covers the notification it could not send.
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
                // Paces the notifications by wall-clock time (like the subscriptions' polling), not by the store's clock.
                if (_interval > TimeSpan.Zero) await Task.Delay(_interval);
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync();
        // A NOTIFY's transaction writes nothing worth waiting for a WAL flush.
        await using var setup = new NpgsqlCommand("SET synchronous_commit = off", connection);
        await setup.ExecuteNonQueryAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _signals.Writer.TryComplete();
        await _loop;
    }
}
