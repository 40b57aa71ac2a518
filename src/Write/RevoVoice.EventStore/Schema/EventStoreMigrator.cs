using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>
/// Applies the embedded, numbered SQL scripts (<c>Sql/1_Schema.sql</c>, <c>Sql/2_….sql</c>) that are not yet recorded
/// in <c>eventstore.schema_migrations</c>, in order, in one transaction under an advisory lock, so several
/// processes starting at once migrate exactly once. The DI extension runs it at host start-up.
/// </summary>
public sealed partial class EventStoreMigrator(NpgsqlDataSource dataSource)
{
    // Any constant works; it only has to be the same in every process migrating this database.
    private const long MigrationLockKey = 0x52_56_45_53_4D_49_47; // "RVESMIG"

    /// <summary>Applies missing migrations; returns how many were applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var scripts = LoadScripts();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
            await ExecuteAsync(connection, transaction,
                """
                CREATE SCHEMA IF NOT EXISTS eventstore;
                CREATE TABLE IF NOT EXISTS eventstore.schema_migrations (
                    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM eventstore.schema_migrations", connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetInt32(0));

            var count = 0;
            foreach (var (version, name, sql) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO eventstore.schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
                record.Parameters.Add(new NpgsqlParameter { Value = version });
                record.Parameters.Add(new NpgsqlParameter { Value = name });
                await record.ExecuteNonQueryAsync(cancellationToken);
                count++;
            }
            await transaction.CommitAsync(cancellationToken);
            return count;
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw new EventStoreUnavailableException("schema migration", e);
        }
    }

    private static List<(int Version, string Name, string Sql)> LoadScripts()
    {
        var assembly = typeof(EventStoreMigrator).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }
        var duplicates = scripts.GroupBy(s => s.Item1).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"Two migrations share the number(s) {string.Join(", ", duplicates)}.");
        return [.. scripts.OrderBy(s => s.Item1)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"\.Sql\.(\d+)_([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
