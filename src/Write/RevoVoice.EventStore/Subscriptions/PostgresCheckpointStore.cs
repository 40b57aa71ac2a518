using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore;

/// <summary>
/// Checkpoints in <c>eventstore.checkpoints</c>, beside the events. A projection whose read model lives in the same
/// database can store its checkpoint in its own transaction with <see cref="StoreAsync(NpgsqlConnection, NpgsqlTransaction?, string, long, CancellationToken)"/>.
/// </summary>
public sealed class PostgresCheckpointStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : ICheckpointStore
{
    private const string UpsertSql =
        """
        INSERT INTO eventstore.checkpoints (subscription_name, position, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (subscription_name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        """;

    /// <inheritdoc />
    public async Task<long?> GetAsync(string subscriptionName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionName);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT position FROM eventstore.checkpoints WHERE subscription_name = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = subscriptionName, NpgsqlDbType = NpgsqlDbType.Text });
            return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : null;
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException($"read checkpoint '{subscriptionName}'", e);
        }
    }

    /// <inheritdoc />
    public async Task StoreAsync(string subscriptionName, long position, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await StoreAsync(connection, null, subscriptionName, position, cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException($"store checkpoint '{subscriptionName}'", e);
        }
    }

    /// <summary>Stores the checkpoint on the caller's connection, inside the caller's transaction if given.</summary>
    public async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string subscriptionName, long position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionName);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var command = new NpgsqlCommand(UpsertSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriptionName, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = position, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
