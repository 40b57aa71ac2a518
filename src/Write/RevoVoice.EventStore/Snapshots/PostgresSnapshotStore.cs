using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore;

/// <summary>
/// Named snapshots in <c>eventstore.snapshots</c>: one row per name, replaced on every store. The state is the
/// owner's JSON; the owner versions it and falls back to the start of the log when it cannot read an old one.
/// </summary>
public sealed class PostgresSnapshotStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>The stored snapshot, or null when there is none.</summary>
    public async Task<StoredSnapshot?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT position, state::text FROM eventstore.snapshots WHERE name = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new StoredSnapshot(reader.GetInt64(0), reader.GetString(1)) : null;
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException($"read snapshot '{name}'", e);
        }
    }

    /// <summary>Replaces the snapshot called <paramref name="name"/>.</summary>
    public async Task StoreAsync(string name, long position, string stateJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateJson);
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO eventstore.snapshots (name, position, state, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state, updated_at = excluded.updated_at
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = position, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = stateJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException($"store snapshot '{name}'", e);
        }
    }
}
