using System.Text.Json;
using System.Threading.Channels;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Routing;

/// <summary>
/// The router reactor: follows queued calls and agents' availability through a subscription and, whenever a call
/// waits and an agent is free, issues AssignAgent for the best pair. The board lives in memory; it is saved as a
/// snapshot (<see cref="SnapshotName"/>) every <see cref="SnapshotInterval"/> while events arrive and when the router
/// stops, and a starting router restores it and reads only the events after it (the whole log when there is no usable
/// snapshot). The aggregates decide, so a stale board only costs a refused command.
/// </summary>
public sealed partial class CallRouter(
    IEventStore store, PostgresSnapshotStore snapshots, AgentAssignment assignment, TimeProvider time, ILogger<CallRouter> logger)
    : BackgroundService
{
    /// <summary>How often the router looks again without news (a refused assignment may leave a pair to retry).</summary>
    public static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(2);

    /// <summary>The board's row in <c>eventstore.snapshots</c>.</summary>
    public const string SnapshotName = "router-board";

    /// <summary>How often the board is saved while events arrive.</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(10);

    private const string Actor = "service:router";

    private readonly RoutingBoard _board = new();
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _applied; // the position of the last event folded into the board, under _gate
    private long _saved;   // the position of the last snapshot stored, by the feed only

    /// <summary>The global position of the last event the board has folded.</summary>
    public long AppliedPosition
    {
        get
        {
            lock (_gate) return _applied;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = FeedAsync(stoppingToken);
        var matching = MatchAsync(stoppingToken);
        await Task.WhenAll(feed, matching);
    }

    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        var filter = SubscriptionFilter.ForEventTypes([.. RoutingBoard.EventTypes]);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var from = await RestoreAsync(cancellationToken);
                var lastSave = time.GetTimestamp();
                await foreach (var resolved in store.SubscribeToAllAsync(from, filter, cancellationToken))
                {
                    lock (_gate)
                    {
                        _board.Apply(resolved);
                        _applied = resolved.Position;
                    }
                    _wake.Writer.TryWrite(true);
                    if (time.GetElapsedTime(lastSave) >= SnapshotInterval)
                    {
                        await SaveAsync(cancellationToken);
                        lastSave = time.GetTimestamp();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await SaveAsync(timeout.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Start over from the last snapshot after a database outage.
                LogFeedFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }

    /// <summary>Loads the stored board (or an empty one); returns the position to read on from.</summary>
    private async Task<long> RestoreAsync(CancellationToken cancellationToken)
    {
        var stored = await snapshots.GetAsync(SnapshotName, cancellationToken);
        var snapshot = stored is null ? null : Read(stored);
        lock (_gate)
        {
            if (snapshot is null) _board.Reset();
            else _board.Restore(snapshot);
            _applied = _saved = snapshot is null ? LogPosition.Start : stored!.Position;
            if (snapshot is not null) LogRestored(_applied, snapshot.Waiting.Count, snapshot.Agents.Count);
            return _applied;
        }
    }

    private RoutingBoardSnapshot? Read(StoredSnapshot stored)
    {
        try
        {
            var snapshot = JsonSerializer.Deserialize(stored.State, RoutingJsonContext.Default.RoutingBoardSnapshot);
            if (snapshot?.Version == RoutingBoardSnapshot.CurrentVersion) return snapshot;
        }
        catch (JsonException)
        {
            // Unreadable: the log has everything, so fold it again.
        }
        LogSnapshotIgnored(stored.Position);
        return null;
    }

    /// <summary>Stores the board if it moved since the last store; a failure is logged, the next store tries again.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        string state;
        long position;
        lock (_gate)
        {
            if (_applied <= _saved) return;
            position = _applied;
            state = JsonSerializer.Serialize(_board.Snapshot(), RoutingJsonContext.Default.RoutingBoardSnapshot);
        }
        try
        {
            await snapshots.StoreAsync(SnapshotName, position, state, cancellationToken);
            _saved = position;
        }
        catch (Exception e) when (e is EventStoreUnavailableException or OperationCanceledException)
        {
            LogSnapshotFailed(e, position);
        }
    }

    private async Task MatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using (var idle = new CancellationTokenSource(IdleRecheck, time))
            using (var recheck = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token))
            {
                try
                {
                    await _wake.Reader.ReadAsync(recheck.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing new for a while: look again anyway.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            IReadOnlyList<(WaitingCall Call, Guid AgentId)> pairs;
            IReadOnlyList<(Guid AgentId, Guid CallId)> stranded;
            lock (_gate)
            {
                pairs = _board.Match();
                stranded = _board.Stranded();
            }
            foreach (var (call, agentId) in pairs)
                await TryAssignAsync(call, agentId, cancellationToken);
            foreach (var (agentId, callId) in stranded)
                await TryReleaseAsync(agentId, callId, cancellationToken);
        }
    }

    private async Task TryAssignAsync(WaitingCall call, Guid agentId, CancellationToken cancellationToken)
    {
        var command = new AssignAgent(Guid.NewGuid(), call.CallId, agentId);
        var origin = new CommandOrigin(call.CorrelationId ?? call.QueuedEventId.ToString(), call.QueuedEventId.ToString(), Actor);
        try
        {
            await assignment.AssignAsync(command, origin, cancellationToken);
            lock (_gate) _board.Assigned(call.CallId, agentId);
            LogAssigned(call.CallId, agentId);
        }
        catch (Exception e) when (e is StateConflictException or ConcurrencyConflictException or NotFoundException)
        {
            // The board was behind the streams (the agent went away, the call was taken or ended): its events will follow.
            LogRefused(call.CallId, agentId, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failing database must not stop the service; the idle recheck tries the pair again.
            LogAssignFailed(e, call.CallId, agentId);
        }
    }

    private async Task TryReleaseAsync(Guid agentId, Guid callId, CancellationToken cancellationToken)
    {
        try
        {
            await assignment.ReleaseStrandedAsync(agentId, callId, new CommandOrigin(callId.ToString(), callId.ToString(), Actor), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReleaseFailed(e, agentId, callId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Router could not free agent {AgentId} stranded on call {CallId}")]
    private partial void LogReleaseFailed(Exception exception, Guid agentId, Guid callId);

    [LoggerMessage(LogLevel.Information, "Router assigned call {CallId} to agent {AgentId}")]
    private partial void LogAssigned(Guid callId, Guid agentId);

    [LoggerMessage(LogLevel.Debug, "Router's assignment of call {CallId} to agent {AgentId} was refused: {Reason}")]
    private partial void LogRefused(Guid callId, Guid agentId, string reason);

    [LoggerMessage(LogLevel.Warning, "Router could not assign call {CallId} to agent {AgentId}")]
    private partial void LogAssignFailed(Exception exception, Guid callId, Guid agentId);

    [LoggerMessage(LogLevel.Warning, "Router's subscription failed; restarting from its last snapshot")]
    private partial void LogFeedFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "Router restored its board at position {Position}: {Waiting} waiting calls, {Agents} agents")]
    private partial void LogRestored(long position, int waiting, int agents);

    [LoggerMessage(LogLevel.Warning, "Router ignored its snapshot at position {Position} (another version or unreadable) and reads the whole log")]
    private partial void LogSnapshotIgnored(long position);

    [LoggerMessage(LogLevel.Warning, "Router could not store its board at position {Position}")]
    private partial void LogSnapshotFailed(Exception exception, long position);
}
