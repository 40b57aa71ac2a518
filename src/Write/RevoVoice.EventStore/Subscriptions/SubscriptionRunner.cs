namespace RevoVoice.EventStore;

/// <summary>
/// Runs a named catch-up subscription: loads its checkpoint, hands each event to the handler, stores the
/// checkpoint per <see cref="CheckpointPolicy"/> and when stopped (cancellation or a handler exception, which is
/// rethrown). Restarting with the same name resumes after the last stored checkpoint. Used by reactors and projections.
/// </summary>
public sealed class SubscriptionRunner(IEventStore store, ICheckpointStore checkpoints, TimeProvider timeProvider)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (then returns normally) or the handler throws.</summary>
    public async Task RunAsync(
        string subscriptionName,
        Func<ResolvedEvent, CancellationToken, Task> handler,
        SubscriptionFilter? filter = null,
        CheckpointPolicy? policy = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionName);
        ArgumentNullException.ThrowIfNull(handler);
        policy ??= CheckpointPolicy.Default;

        var stored = await checkpoints.GetAsync(subscriptionName, cancellationToken) ?? LogPosition.Start;
        var handled = stored;
        var sinceStore = 0;
        var lastStore = timeProvider.GetTimestamp();
        try
        {
            await foreach (var resolved in store.SubscribeToAllAsync(stored, filter, cancellationToken))
            {
                await handler(resolved, cancellationToken);
                handled = resolved.Position;
                sinceStore++;
                if (sinceStore >= policy.EveryEvents || timeProvider.GetElapsedTime(lastStore) >= policy.Interval)
                {
                    await checkpoints.StoreAsync(subscriptionName, handled, cancellationToken);
                    stored = handled;
                    sinceStore = 0;
                    lastStore = timeProvider.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of a subscription; the finally block keeps the progress.
        }
        finally
        {
            if (handled != stored)
                await checkpoints.StoreAsync(subscriptionName, handled, CancellationToken.None);
        }
    }
}
