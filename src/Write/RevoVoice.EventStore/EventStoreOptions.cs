namespace RevoVoice.EventStore;

/// <summary>Tuning and limits of the PostgreSQL event store; the defaults suit production.</summary>
public sealed class EventStoreOptions
{
    /// <summary>The largest serialized event (data + metadata, UTF-8 bytes) an append accepts. Default 1 MiB.</summary>
    public int MaxEventSizeBytes { get; set; } = 1024 * 1024;

    /// <summary>Rows fetched per round trip by reads and subscriptions. Default 512.</summary>
    public int ReadPageSize { get; set; } = 512;

    /// <summary>Events a subscription buffers ahead of its consumer before it stops reading (back-pressure). Default 1024.</summary>
    public int SubscriptionBufferSize { get; set; } = 1024;

    /// <summary>How often an idle subscription polls when no notification arrives (the fallback). Default 1 s.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How soon a subscription looks again while it waits for in-flight transactions to finish (a rolled-back
    /// transaction sends no notification). Default 20 ms.
    /// </summary>
    public TimeSpan InFlightPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The most appends sent to the database as one transaction (group commit, see <c>AppendBatcher</c>). At most 64,
    /// the subtransactions a PostgreSQL backend tracks before snapshots slow down. Default 64.
    /// </summary>
    public int MaxAppendBatch { get; set; } = 64;

    /// <summary>
    /// How many append batches may be in flight at once, each on its own connection. Default 1: on the 2-core machine
    /// the benchmarks run on, one group in flight while the next one gathers gave the most appends per CPU second
    /// (more writers mean smaller groups, and each commit costs the database about as much as the appends in it).
    /// </summary>
    public int AppendWriters { get; set; } = 1;

    /// <summary>
    /// The shortest time between two notifications of new events to the subscriptions (a commit in between waits for
    /// the next one). Default 10 ms: a subscription still hears of an append within milliseconds, and a busy store
    /// wakes each subscription at most 100 times a second instead of once per group commit.
    /// </summary>
    public TimeSpan CommitNotifyInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Apply the embedded SQL migrations when the host starts (via the DI extension). Default true.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
