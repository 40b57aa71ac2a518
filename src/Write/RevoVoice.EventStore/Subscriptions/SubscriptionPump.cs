using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace RevoVoice.EventStore;

/// <summary>
/// Feeds one catch-up subscription: replays, then tails <c>$all</c>, never delivering a position until every
/// position at or below it is decided (committed and visible, or rolled back for good).
/// <para>
/// The gap problem: positions come from a sequence when a transaction inserts, but transactions commit in any
/// order, so "max visible position" can run ahead of a slower transaction that holds a lower position and commits
/// later; a reader that moved its checkpoint past the hole would skip that event forever. Filtering on
/// <c>xid &lt; pg_snapshot_xmin(...)</c> alone is not enough either, because xid order is not position order.
/// </para>
/// <para>
/// The watermark used here: (1) read the sequence's last drawn value <c>H</c> (see <see cref="HeadSql"/>); (2) then take a fresh transaction id
/// <c>X</c> (<c>pg_current_xact_id()</c>, evaluated from H's value so necessarily after it was read). Every appender takes its xid before it draws
/// positions (the first thing <c>eventstore.append_many</c> does), so any transaction that drew a position ≤ H got its
/// xid before step 1, hence its xid &lt; X. (3) Once <c>pg_snapshot_xmin(pg_current_snapshot()) ≥ X</c>, no
/// transaction with an xid below X is running (xmin is the oldest running xid, and every running xid is at least
/// xmin), so every position ≤ H is committed and visible to any later snapshot, or was rolled back. Only then are
/// events up to H delivered. A transaction held open delays delivery (never skips it); a rollback leaves a hole
/// that is skipped only after it is provably permanent. xids are cluster-wide, so a long transaction in another
/// database of the same server also delays (never breaks) delivery.
/// </para>
/// <para>
/// Wake-ups come from LISTEN/NOTIFY (<see cref="CommitNotifier"/> notifies <see cref="NotifyChannel"/> after appends commit) on the pump's own connection; without them it
/// polls every <see cref="EventStoreOptions.IdlePollInterval"/>, or every <see cref="EventStoreOptions.InFlightPollInterval"/>
/// while a watermark waits for running transactions (rollbacks send no notification). Writes into the bounded output
/// channel wait when the consumer is slow, which stops reading: the back-pressure.
/// </para>
/// </summary>
internal sealed class SubscriptionPump(PostgresEventStore store, NpgsqlDataSource dataSource, EventStoreOptions options, SubscriptionFilter? filter)
{
    /// <summary>The <c>application_name</c> of subscription connections.</summary>
    public const string ApplicationName = "eventstore-subscription";

    /// <summary>The channel <see cref="CommitNotifier"/> notifies after appends commit.</summary>
    public const string NotifyChannel = "eventstore_events";

    /// <summary>
    /// The last position drawn from the sequence, 0 before the first. Read under the sequence's buffer lock: a plain
    /// <c>SELECT last_value</c> reads the tuple unlocked and can catch nextval mid-update, while it briefly holds the
    /// value 32 draws ahead that it writes to WAL; a head read that way ran ahead of the drawn positions and made the
    /// subscription skip events.
    /// </summary>
    internal const string HeadSql = "coalesce(pg_sequence_last_value('eventstore.global_position'), 0)";

    private volatile bool _notified;

    public async Task RunAsync(long after, ChannelWriter<ResolvedEvent> output, CancellationToken cancellationToken)
    {
        try
        {
            await PumpAsync(after, output, cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new EventStoreUnavailableException("subscription to $all", e);
        }
    }

    private async Task PumpAsync(long after, ChannelWriter<ResolvedEvent> output, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, _) => _notified = true;
        // The pump's own xids commit with every watermark; they need not wait for a WAL flush. The application name
        // makes subscriptions easy to spot in pg_stat_activity.
        await using (var setup = new NpgsqlCommand(
            $"SET synchronous_commit = off; SET application_name = '{ApplicationName}'; LISTEN {NotifyChannel}", connection))
            await setup.ExecuteNonQueryAsync(cancellationToken);

        var readSql = BuildReadSql();
        var watermarks = new Queue<(long Head, long Xid)>();
        var safe = after;        // every position ≤ safe is decided
        var lastHead = after;    // the newest head a watermark was taken for
        var followUp = false;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _notified = false;

            var (head, xmin, xid) = await ProbeAsync(connection, lastHead, cancellationToken);
            while (watermarks.TryPeek(out var mark) && mark.Xid <= xmin)
            {
                safe = Math.Max(safe, mark.Head);
                watermarks.Dequeue();
            }

            var created = false;
            if (xid is { } x)
            {
                watermarks.Enqueue((head, x));
                lastHead = head;
                created = true;
            }

            while (after < safe)
            {
                var page = await ReadPageAsync(connection, readSql, after, safe, cancellationToken);
                foreach (var resolved in page.Events) await output.WriteAsync(resolved, cancellationToken);
                after = page.Complete ? safe : page.Events[^1].Position;
            }

            // A fresh watermark is often safe at once (nothing else running): look again straight away, but only
            // once, so a steady stream of appends does not turn this into a busy loop.
            if (created && !followUp)
            {
                followUp = true;
                continue;
            }
            followUp = false;
            if (_notified) continue;
            var wait = watermarks.Count > 0 ? options.InFlightPollInterval : options.IdlePollInterval;
            await connection.WaitAsync((int)Math.Max(1, wait.TotalMilliseconds), cancellationToken);
        }
    }

    /// <summary>
    /// One round trip: the head (last drawn position), the oldest running xid, and, only when the head moved past
    /// <paramref name="lastHead"/>, a fresh xid for the new watermark. The xid is computed from the head's value, so
    /// it is necessarily assigned after the sequence was read, which is the order the watermark argument needs.
    /// </summary>
    private static async Task<(long Head, long Xmin, long? Xid)> ProbeAsync(NpgsqlConnection connection, long lastHead, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT h.head,
                   pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
                   CASE WHEN h.head > $1 THEN pg_current_xact_id()::text::bigint END
              FROM (SELECT {HeadSql} AS head) h
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lastHead, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
    }

    private string BuildReadSql()
    {
        var where = "e.global_position > $1 AND e.global_position <= $2";
        if (filter is { Categories.Count: > 0 }) where += " AND e.category = ANY($4)";
        if (filter is { EventTypes.Count: > 0 }) where += " AND e.event_type = ANY($5)";
        return $"SELECT {EventRows.Columns} FROM eventstore.events e WHERE {where} ORDER BY e.global_position LIMIT $3";
    }

    private async Task<(List<ResolvedEvent> Events, bool Complete)> ReadPageAsync(
        NpgsqlConnection connection, string sql, long after, long upTo, CancellationToken cancellationToken)
    {
        var pageSize = options.ReadPageSize;
        var events = await store.FetchAsync("subscription to $all", sql, p =>
        {
            p.Add(new NpgsqlParameter { Value = after, NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new NpgsqlParameter { Value = upTo, NpgsqlDbType = NpgsqlDbType.Bigint });
            p.Add(new NpgsqlParameter { Value = pageSize, NpgsqlDbType = NpgsqlDbType.Integer });
            p.Add(new NpgsqlParameter { Value = filter?.Categories.ToArray() ?? [], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter { Value = filter?.EventTypes.ToArray() ?? [], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }, cancellationToken, connection);
        return (events, events.Count < pageSize);
    }
}
