using System.Threading.Channels;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Routing;

/// <summary>
/// The router reactor: follows queued calls and agents' availability through a subscription and, whenever a call
/// waits and an agent is free, issues AssignAgent for the best pair. The board lives in memory and is rebuilt from
/// the start of the log when the service starts; the aggregates decide, so a stale board only costs a refused command.
/// </summary>
public sealed partial class CallRouter(IEventStore store, AgentAssignment assignment, TimeProvider time, ILogger<CallRouter> logger)
    : BackgroundService
{
    /// <summary>How often the router looks again without news (a refused assignment may leave a pair to retry).</summary>
    public static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(2);

    private const string Actor = "service:router";

    private readonly RoutingBoard _board = new();
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

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
                await foreach (var resolved in store.SubscribeToAllAsync(LogPosition.Start, filter, cancellationToken))
                {
                    lock (_gate) _board.Apply(resolved);
                    _wake.Writer.TryWrite(true);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Start over from the beginning with a fresh board after a database outage.
                LogFeedFailed(e);
                lock (_gate) _board.Reset();
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
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

    [LoggerMessage(LogLevel.Warning, "Router's subscription failed; rebuilding the board")]
    private partial void LogFeedFailed(Exception exception);
}
