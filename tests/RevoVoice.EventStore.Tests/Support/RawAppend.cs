using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore.Tests.Support;

/// <summary>
/// Appends JSON straight through <c>eventstore.append_many</c>, bypassing the store's serializer and group commit: for
/// rows the store would not write itself (old versions, unknown types) and for transactions a test holds open.
/// </summary>
public static class RawAppend
{
    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string stream,
        IReadOnlyList<(Guid Id, string Type, string Json)> events)
    {
        await using var command = new NpgsqlCommand(
            "SELECT status FROM eventstore.append_many(ARRAY[$1], ARRAY[-2::bigint], ARRAY[$2], $3, $4, $5, $6, $7, now())", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = stream, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Count, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(_ => "{}").ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(_ => (string?)null).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        (await command.ExecuteScalarAsync()).Should().Be(0, "the raw append is accepted");
    }

    public static async Task AppendAsync(NpgsqlDataSource dataSource, string stream, IReadOnlyList<(Guid Id, string Type, string Json)> events)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await AppendAsync(connection, null, stream, events);
    }
}
