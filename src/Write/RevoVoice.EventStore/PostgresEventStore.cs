using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore;

/// <summary>
/// The PostgreSQL implementation of <see cref="IEventStore"/> (schema <c>eventstore</c>, created by
/// <see cref="EventStoreMigrator"/>). Thread-safe; use one instance per database (the DI extension registers it as a singleton).
/// </summary>
public sealed class PostgresEventStore : IEventStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly KeyVault _keyVault;
    private readonly EventSerializer _serializer;
    private readonly AppendBatcher _batcher;

    /// <summary>Creates a store over <paramref name="dataSource"/>; the schema must be migrated first.</summary>
    public PostgresEventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry, EventStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        _dataSource = dataSource;
        _options = options ?? new EventStoreOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _keyVault = new KeyVault(dataSource, _timeProvider);
        _serializer = new EventSerializer(registry, _keyVault, _options);
        _batcher = new AppendBatcher(dataSource, _options, _timeProvider);
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        StreamIds.Validate(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
            throw new ArgumentException("Event ids within one append must be distinct.", nameof(events));

        try
        {
            var serialized = new SerializedEvent[events.Count];
            for (var i = 0; i < events.Count; i++)
                serialized[i] = await _serializer.SerializeAsync(streamId, events[i], cancellationToken);

            var outcome = await _batcher.AppendAsync(streamId, expected.Value, serialized, cancellationToken);
            switch (outcome.Status)
            {
                case AppendStatus.WrongExpectedRevision:
                    throw new WrongExpectedVersionException(streamId, expected, outcome.Revision < 0 ? null : outcome.Revision);
                case AppendStatus.PartlyAppended:
                    throw new DuplicateEventIdException(streamId);
            }
            return new AppendResult(outcome.Revision, outcome.LogPosition);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException($"append to '{streamId}'", e);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ResolvedEvent> ReadStreamAsync(string streamId, Direction direction, long fromRevision, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        StreamIds.Validate(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return ReadStreamCore(streamId, direction, fromRevision, maxCount, cancellationToken);
    }

    private async IAsyncEnumerable<ResolvedEvent> ReadStreamCore(string streamId, Direction direction, long fromRevision, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await GuardAsync($"read stream '{streamId}'", () => ReadStreamStateAsync(streamId, cancellationToken));
        if (state is not { Revision: >= 0, Deleted: false }) throw new StreamNotFoundException(streamId);

        var lowest = Math.Max(state.DeletedBefore ?? 0, state.TruncateBefore ?? 0);
        if (state.MaxCount is { } keep) lowest = Math.Max(lowest, state.Revision - keep + 1);
        DateTimeOffset? notBefore = state.MaxAge is { } age ? _timeProvider.GetUtcNow() - age : null;

        var forwards = direction == Direction.Forwards;
        var cursor = forwards ? Math.Max(fromRevision, lowest) : Math.Min(fromRevision, state.Revision);
        var sql = $"""
            SELECT {EventRows.Columns} FROM eventstore.events e
             WHERE e.stream_id = $1 AND e.stream_revision {(forwards ? ">=" : "<=")} $2 AND e.stream_revision >= $3
               AND ($4::timestamptz IS NULL OR e.recorded_at >= $4)
             ORDER BY e.stream_revision {(forwards ? "ASC" : "DESC")} LIMIT $5
            """;
        var remaining = maxCount;
        while (remaining > 0 && cursor >= lowest)
        {
            var pageSize = (int)Math.Min(remaining, _options.ReadPageSize);
            var page = await FetchAsync($"read stream '{streamId}'", sql, p =>
            {
                p.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
                p.Add(new NpgsqlParameter { Value = cursor, NpgsqlDbType = NpgsqlDbType.Bigint });
                p.Add(new NpgsqlParameter { Value = lowest, NpgsqlDbType = NpgsqlDbType.Bigint });
                p.Add(new NpgsqlParameter { Value = notBefore is { } t ? t : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter { Value = pageSize, NpgsqlDbType = NpgsqlDbType.Integer });
            }, cancellationToken);
            foreach (var resolved in page) yield return resolved;
            remaining -= page.Count;
            if (page.Count < pageSize) yield break;
            cursor = forwards ? page[^1].StreamRevision + 1 : page[^1].StreamRevision - 1;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ResolvedEvent> ReadAllAsync(Direction direction, long fromPosition, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var forwards = direction == Direction.Forwards;
        var sql = $"""
            SELECT {EventRows.Columns} FROM eventstore.events e
             WHERE e.global_position {(forwards ? ">=" : "<=")} $1
             ORDER BY e.global_position {(forwards ? "ASC" : "DESC")} LIMIT $2
            """;
        return PositionPages("read $all", sql, forwards, fromPosition, maxCount, null, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ResolvedEvent> ReadCategoryAsync(string category, long fromPosition, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(category) || category.Contains('-'))
            throw new ArgumentException($"A category is the part of a stream id before the first '-'; '{category}' is not one.", nameof(category));
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        const string sql = $"""
            SELECT {EventRows.Columns} FROM eventstore.events e
              JOIN eventstore.streams s ON s.stream_id = e.stream_id
             WHERE e.category = $3 AND e.global_position >= $1
               AND NOT s.deleted
               AND e.stream_revision >= greatest(coalesce(s.deleted_before, 0), coalesce(s.truncate_before, 0))
               AND (s.max_count IS NULL OR e.stream_revision > s.revision - s.max_count)
               AND (s.max_age IS NULL OR e.recorded_at >= $4::timestamptz - s.max_age)
             ORDER BY e.global_position LIMIT $2
            """;
        return PositionPages($"read category '{category}'", sql, true, fromPosition, maxCount, p =>
        {
            p.Add(new NpgsqlParameter { Value = category, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter { Value = _timeProvider.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        }, cancellationToken);
    }

    private async IAsyncEnumerable<ResolvedEvent> PositionPages(
        string operation, string sql, bool forwards, long from, long maxCount,
        Action<NpgsqlParameterCollection>? extraParameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = from;
        var remaining = maxCount;
        while (remaining > 0 && cursor >= 0)
        {
            var pageSize = (int)Math.Min(remaining, _options.ReadPageSize);
            var page = await FetchAsync(operation, sql, p =>
            {
                p.Add(new NpgsqlParameter { Value = cursor, NpgsqlDbType = NpgsqlDbType.Bigint });
                p.Add(new NpgsqlParameter { Value = pageSize, NpgsqlDbType = NpgsqlDbType.Integer });
                extraParameters?.Invoke(p);
            }, cancellationToken);
            foreach (var resolved in page) yield return resolved;
            remaining -= page.Count;
            if (page.Count < pageSize) yield break;
            cursor = forwards ? page[^1].Position + 1 : page[^1].Position - 1;
        }
    }

    /// <summary>Runs one page query and resolves its rows (decrypting with keys fetched for just this page).</summary>
    internal async Task<List<ResolvedEvent>> FetchAsync(string operation, string sql, Action<NpgsqlParameterCollection> parameters, CancellationToken cancellationToken, NpgsqlConnection? connection = null)
    {
        var records = new List<RecordedEvent>();
        try
        {
            await using var command = connection is null ? _dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, connection);
            parameters(command.Parameters);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    records.Add(EventRows.Read(reader));

            var subjects = records.Where(r => r.DataSubject is not null).Select(r => r.DataSubject!).ToHashSet(StringComparer.Ordinal);
            var keys = await _keyVault.GetForReadAsync(subjects, cancellationToken);
            return records.ConvertAll(r => _serializer.Resolve(r, keys));
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException(operation, e);
        }
    }

    /// <inheritdoc />
    public async Task<StreamMetadata> GetStreamMetadataAsync(string streamId, CancellationToken cancellationToken = default)
    {
        StreamIds.Validate(streamId);
        var state = await GuardAsync($"read metadata of '{streamId}'", () => ReadStreamStateAsync(streamId, cancellationToken));
        return state is null ? StreamMetadata.None : new StreamMetadata(state.MaxAge, state.MaxCount, state.TruncateBefore);
    }

    /// <inheritdoc />
    public async Task SetStreamMetadataAsync(string streamId, StreamMetadata metadata, CancellationToken cancellationToken = default)
    {
        StreamIds.Validate(streamId);
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.MaxAge is { } age && age <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(metadata), age, "MaxAge must be positive.");
        if (metadata.MaxCount is { } count && count <= 0)
            throw new ArgumentOutOfRangeException(nameof(metadata), count, "MaxCount must be positive.");
        if (metadata.TruncateBefore is { } before && before < 0)
            throw new ArgumentOutOfRangeException(nameof(metadata), before, "TruncateBefore must not be negative.");

        await GuardAsync($"set metadata of '{streamId}'", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                """
                INSERT INTO eventstore.streams (stream_id, max_age, max_count, truncate_before) VALUES ($1, $2, $3, $4)
                ON CONFLICT (stream_id) DO UPDATE
                   SET max_age = excluded.max_age, max_count = excluded.max_count, truncate_before = excluded.truncate_before
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = metadata.MaxAge is { } a ? a : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Interval });
            command.Parameters.Add(new NpgsqlParameter { Value = metadata.MaxCount is { } c ? c : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = metadata.TruncateBefore is { } t ? t : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        });
    }

    /// <inheritdoc />
    public async Task DeleteStreamAsync(string streamId, ExpectedRevision expected, CancellationToken cancellationToken = default)
    {
        StreamIds.Validate(streamId);
        var (status, revision) = await GuardAsync($"delete stream '{streamId}'", async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT status, revision FROM eventstore.delete_stream($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = expected.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), reader.GetInt64(1));
        });
        if (status != 0) throw new WrongExpectedVersionException(streamId, expected, revision < 0 ? null : revision);
    }

    /// <inheritdoc />
    public Task ForgetAsync(string dataSubject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSubject);
        return GuardAsync($"forget '{dataSubject}'", async () =>
        {
            await _keyVault.ForgetAsync(dataSubject, cancellationToken);
            return true;
        });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ResolvedEvent> SubscribeToAllAsync(long afterPosition, SubscriptionFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        var buffer = Channel.CreateBounded<ResolvedEvent>(new BoundedChannelOptions(_options.SubscriptionBufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = new SubscriptionPump(this, _dataSource, _options, filter);
        var pumping = Task.Run(async () =>
        {
            try
            {
                await pump.RunAsync(afterPosition, buffer.Writer, stop.Token);
                buffer.Writer.TryComplete();
            }
            catch (Exception e)
            {
                buffer.Writer.TryComplete(e);
            }
        }, CancellationToken.None);

        try
        {
            // Checked per event: the channel hands out buffered events without looking at the token.
            await foreach (var resolved in buffer.Reader.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return resolved;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pumping;
        }
    }

    private async Task<T> GuardAsync<T>(string operation, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException(operation, e);
        }
    }

    private async Task<StreamState?> ReadStreamStateAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT revision, deleted, deleted_before, max_age, max_count, truncate_before FROM eventstore.streams WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StreamState(
            reader.GetInt64(0),
            reader.GetBoolean(1),
            reader.IsDBNull(2) ? null : reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<TimeSpan>(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5));
    }

    /// <summary>Lets queued appends finish. Subscriptions end with their own cancellation.</summary>
    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private sealed record StreamState(long Revision, bool Deleted, long? DeletedBefore, TimeSpan? MaxAge, long? MaxCount, long? TruncateBefore);
}
