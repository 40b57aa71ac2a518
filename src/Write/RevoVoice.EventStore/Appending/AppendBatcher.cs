using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore;

/// <summary>
/// Group commit. Appends queue here; a writer loop (or <see cref="EventStoreOptions.AppendWriters"/> of them) takes
/// everything waiting (up to <see cref="EventStoreOptions.MaxAppendBatch"/> appends) and sends it as one
/// <c>eventstore.append_many</c> call, one transaction (see Sql/3_GroupCommit.sql); once it commits, the
/// <see cref="CommitNotifier"/> wakes the subscriptions. Under load, many appends share one round trip and one commit
/// instead of paying for both each, which is what bounded single-event appends; a lone append goes out at once, alone,
/// so nothing waits for a batch to fill.
/// <para>
/// A batch locks its streams' rows in stream-id order, so two batches in flight at once cannot deadlock each other.
/// Appends to one stream keep their queue order (the sort is stable). A batch that fails for a reason other than a
/// lost database (a deadlock with a writer outside this process, a race with another process on a new stream or the
/// same event ids, or an append repeated at its stream's current revision, which the group statement of
/// Sql/4_SetBasedAppend.sql leaves to the unique index) is retried one append at a time, so only an append that fails
/// on its own fails.
/// </para>
/// </summary>
internal sealed class AppendBatcher : IAsyncDisposable
{
    // Keeps one round trip's parameters to a few MiB whatever the batch size; a single larger append still goes alone.
    private const long MaxBatchChars = 4 * 1024 * 1024;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxBatch;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>();
    private readonly Task[] _writers;
    private readonly CommitNotifier _notifier;

    public AppendBatcher(NpgsqlDataSource dataSource, EventStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAppendBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AppendWriters, 1);
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        _maxBatch = options.MaxAppendBatch;
        _notifier = new CommitNotifier(dataSource, options.CommitNotifyInterval);
        _writers = Enumerable.Range(0, options.AppendWriters).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Queues one append; completes with its outcome, or faults with the database's exception.</summary>
    public Task<AppendOutcome> AppendAsync(string streamId, long expected, SerializedEvent[] events, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(streamId, expected, events, cancellationToken);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgresEventStore));
        return pending.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        // Each writer keeps one connection for its whole life, like a WAL writer: no pool round trip (and no session
        // reset, which Npgsql sends on a pooled connection's next use) per group.
        NpgsqlConnection? connection = null;
        var batch = new List<PendingAppend>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                var chars = 0L;
                while (batch.Count < _maxBatch && chars < MaxBatchChars && _queue.Reader.TryRead(out var pending))
                {
                    // Nothing has been sent for it yet, so a caller that gave up can still be let go cleanly.
                    if (pending.CancellationToken.IsCancellationRequested)
                    {
                        pending.Completion.TrySetCanceled(pending.CancellationToken);
                        continue;
                    }
                    batch.Add(pending);
                    chars += pending.Chars;
                }
                if (batch.Count == 0) continue;

                try
                {
                    if (connection is not { State: System.Data.ConnectionState.Open })
                    {
                        if (connection is not null) await connection.DisposeAsync();
                        connection = null;
                        connection = await _dataSource.OpenConnectionAsync();
                    }
                    await AppendBatchAsync(connection, batch.OrderBy(p => p.StreamId, StringComparer.Ordinal).ToArray());
                }
                catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
                {
                    // The connection could not be opened: this group fails, the next one tries a fresh connection.
                    foreach (var pending in batch) pending.Completion.TrySetException(e);
                }
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task AppendBatchAsync(NpgsqlConnection connection, PendingAppend[] batch)
    {
        try
        {
            var outcomes = await AppendManyAsync(connection, batch);
            for (var i = 0; i < batch.Length; i++) batch[i].Completion.TrySetResult(outcomes[i]);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            foreach (var pending in batch) pending.Completion.TrySetException(e);
        }
        catch (PostgresException e) when (batch.Length > 1 || e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            foreach (var pending in batch) await AppendAloneAsync(connection, pending);
        }
        catch (Exception e)
        {
            batch[0].Completion.TrySetException(e);
        }
    }

    private async Task<AppendOutcome[]> AppendManyAsync(NpgsqlConnection connection, PendingAppend[] batch)
    {
        var events = batch.SelectMany(p => p.Events).ToArray();
        await using var command = new NpgsqlCommand(
            "SELECT status, revision, log_position FROM eventstore.append_many($1, $2, $3, $4, $5, $6, $7, $8, $9)", connection);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter { Value = batch.Select(a => a.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = batch.Select(a => a.Expected).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter { Value = batch.Select(a => a.Events.Length).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        AddEventParameters(p, events);
        var outcomes = new AppendOutcome[batch.Length];
        await using var reader = await command.ExecuteReaderAsync();
        for (var i = 0; i < batch.Length; i++)
        {
            if (!await reader.ReadAsync())
                throw new InvalidOperationException($"eventstore.append_many answered {i} rows for {batch.Length} appends.");
            outcomes[i] = new AppendOutcome((AppendStatus)reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        if (outcomes.Any(o => o is { Status: AppendStatus.Appended, LogPosition: > 0 })) _notifier.Signal();
        return outcomes;
    }

    private async Task AppendAloneAsync(NpgsqlConnection connection, PendingAppend pending)
    {
        try
        {
            pending.Completion.TrySetResult((await AppendManyAsync(connection, [pending]))[0]);
        }
        catch (Exception e)
        {
            pending.Completion.TrySetException(e);
        }
    }

    private void AddEventParameters(NpgsqlParameterCollection p, SerializedEvent[] events)
    {
        p.Add(new NpgsqlParameter { Value = events.Select(e => e.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        p.Add(new NpgsqlParameter { Value = events.Select(e => e.EventType).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = events.Select(e => e.Data).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        p.Add(new NpgsqlParameter { Value = events.Select(e => e.Metadata).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        p.Add(new NpgsqlParameter { Value = events.Select(e => e.DataSubject).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = _timeProvider.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
        await _notifier.DisposeAsync();
    }

    private sealed class PendingAppend(string streamId, long expected, SerializedEvent[] events, CancellationToken cancellationToken)
    {
        public string StreamId { get; } = streamId;
        public long Expected { get; } = expected;
        public SerializedEvent[] Events { get; } = events;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public long Chars { get; } = events.Sum(e => (long)e.Data.Length + e.Metadata.Length);
        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
