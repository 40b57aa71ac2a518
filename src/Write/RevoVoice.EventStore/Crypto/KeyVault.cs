using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore;

/// <summary>
/// The per-subject AES-256 keys in <c>eventstore.subject_keys</c>. Appends cache keys briefly (encrypting with a key
/// that was just destroyed elsewhere only makes that data unreadable, the safe direction); reads never cache, so a
/// forget in any process shows on the next read everywhere.
/// A cached key lives a random 30 to 60 seconds: keys cached together (calls that started in the same burst) would
/// otherwise all expire in the same instant, and their appends would all wait on key lookups at once.
/// </summary>
internal sealed class KeyVault(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private const int CacheLimit = 100_000;
    private readonly ConcurrentDictionary<string, (byte[]? Key, DateTimeOffset Until)> _appendCache = new(StringComparer.Ordinal);

    /// <summary>The subject's key, created on first use; null once the subject was forgotten.</summary>
    public async Task<byte[]?> GetOrCreateForAppendAsync(string subject, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_appendCache.TryGetValue(subject, out var cached) && cached.Until > now) return cached.Key;

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO eventstore.subject_keys (data_subject, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (data_subject) DO NOTHING")
        {
            Parameters =
            {
                new NpgsqlParameter { Value = subject },
                new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32), NpgsqlDbType = NpgsqlDbType.Bytea },
                new NpgsqlParameter { Value = now },
            },
        });
        // A separate statement takes a fresh snapshot, so it sees a key another transaction inserted concurrently.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT key FROM eventstore.subject_keys WHERE data_subject = $1")
        {
            Parameters = { new NpgsqlParameter { Value = subject } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        byte[]? key = null;
        if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)) key = reader.GetFieldValue<byte[]>(0);

        if (_appendCache.Count >= CacheLimit) _appendCache.Clear();
        _appendCache[subject] = (key, now + CacheFor * (0.5 + Random.Shared.NextDouble() / 2));
        return key;
    }

    /// <summary>The keys of <paramref name="subjects"/> as they are now; forgotten or unknown subjects map to null.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]?>> GetForReadAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken)
    {
        var keys = subjects.ToDictionary(s => s, _ => (byte[]?)null, StringComparer.Ordinal);
        if (keys.Count == 0) return keys;
        await using var command = dataSource.CreateCommand(
            "SELECT data_subject, key FROM eventstore.subject_keys WHERE data_subject = ANY($1) AND key IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            keys[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
        return keys;
    }

    /// <summary>Destroys the subject's key (or records that it has none) and vacuums the key table so the old row version goes too.</summary>
    public async Task ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using (var command = dataSource.CreateCommand(
            """
            INSERT INTO eventstore.subject_keys (data_subject, key, created_at, forgotten_at) VALUES ($1, NULL, $2, $2)
            ON CONFLICT (data_subject) DO UPDATE SET key = NULL, forgotten_at = coalesce(eventstore.subject_keys.forgotten_at, $2)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = subject });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        _appendCache[subject] = (null, now + CacheFor);

        // MVCC keeps the old row version (with the key) on disk until vacuumed; erase it now rather than "eventually".
        await using var vacuum = dataSource.CreateCommand("VACUUM eventstore.subject_keys");
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }
}
