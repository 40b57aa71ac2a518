using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RevoVoice.Contracts;
using RevoVoice.EventStore;

namespace RevoVoice.Write.Commands;

/// <summary>
/// Runs a decision against an aggregate's stream: folds the stream, skips a command already applied (same
/// command id → the original result), asks the aggregate for new events, and appends them with the revision
/// it read, retrying a bounded number of times when another writer got there first.
/// Folded states are cached with their revision: a command on a live call costs one round trip (the append), and
/// only a collision or a refusal makes it read the events it has not seen. A fold remembers only its stream's latest
/// event ids (<see cref="FoldedStream{T}"/>); a command it cannot place that would not append (refused, a no-op, or a
/// repeat the store recognised) is looked up in the stream, so a retry still gets its original result.
/// </summary>
public sealed partial class AggregateStore(IEventStore store, CommandMetrics metrics, ILogger<AggregateStore> logger)
{
    public const int MaxAttempts = 10;
    private const int MaxBackoffMs = 250;
    private const int CacheCapacity = 20_000;

    private readonly ConcurrentDictionary<string, object> _cache = new(StringComparer.Ordinal);

    // Commands on one stream take turns inside this process, so they do not race each other to the append and
    // spend retries; the expected revision still guards against other processes.
    private readonly SemaphoreSlim[] _streamLocks = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <param name="create">true for a command that creates the aggregate; otherwise a missing stream is a 404.</param>
    public async Task<CommandResult> ExecuteAsync<T>(
        string streamId,
        Guid aggregateId,
        Guid commandId,
        CommandOrigin origin,
        bool create,
        Func<T, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken) where T : IAggregate<T>
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        var streamLock = _streamLocks[(StringComparer.Ordinal.GetHashCode(streamId) & int.MaxValue) % _streamLocks.Length];
        await streamLock.WaitAsync(cancellationToken);
        try
        {
            var result = await DecideAndAppendAsync(streamId, aggregateId, commandId, origin, create, decide, cancellationToken);
            outcome = "accepted";
            return result;
        }
        catch (Exception e) when (e is StateConflictException or RuleViolationException or NotFoundException or ConcurrencyConflictException)
        {
            outcome = "refused";
            throw;
        }
        finally
        {
            streamLock.Release();
            metrics.Handled(typeof(T).Name, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<CommandResult> DecideAndAppendAsync<T>(
        string streamId,
        Guid aggregateId,
        Guid commandId,
        CommandOrigin origin,
        bool create,
        Func<T, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken) where T : IAggregate<T>
    {
        // The first try trusts the cached fold without reading (one round trip: the append, whose expected revision
        // catches a stale cache). Refusals and no-ops are only answered from a freshly read stream.
        var cached = _cache.TryGetValue(streamId, out var entry) && entry is FoldedStream<T> known ? known : null;
        for (var attempt = 1; ; attempt++)
        {
            var fresh = cached is null;
            var folded = cached ?? await LoadAsync<T>(streamId, aggregateId, cancellationToken);
            cached = null;
            if (folded.RevisionAfter(commandId, streamId) is { } applied)
                return new CommandResult(commandId, streamId, applied);
            if (!create && !folded.State.Exists)
            {
                if (!fresh) continue;
                throw new NotFoundException($"{typeof(T).Name} {aggregateId} does not exist.");
            }

            IReadOnlyList<object> events;
            try
            {
                events = decide(folded.State);
            }
            catch (Exception e) when (e is StateConflictException or RuleViolationException)
            {
                if (!fresh) continue;
                if (await AppliedLongAgoAsync(folded, streamId, commandId, cancellationToken) is { } original)
                    return new CommandResult(commandId, streamId, original);
                throw;
            }
            if (events.Count == 0)
            {
                if (!fresh) continue;
                return new CommandResult(commandId, streamId,
                    await AppliedLongAgoAsync(folded, streamId, commandId, cancellationToken) ?? folded.Revision ?? -1);
            }

            var after = events.Aggregate(folded.State, (state, e) => state.Apply(e));
            var metadata = new EventMetadata(origin.CorrelationId, origin.CausationId, origin.Actor);
            var data = events.Select((e, i) => new EventData(EventIds.For(commandId, streamId, i), e, metadata, after.DataSubject)).ToArray();
            var expected = folded.Revision is { } revision ? ExpectedRevision.Exact(revision) : ExpectedRevision.NoStream;
            try
            {
                var result = await store.AppendAsync(streamId, expected, data, cancellationToken);
                if (result.NextExpectedRevision == (folded.Revision ?? -1) + data.Length)
                {
                    Remember(streamId, folded.Advance(after, data, result.NextExpectedRevision));
                    return new CommandResult(commandId, streamId, result.NextExpectedRevision);
                }
                // The store recognised the ids of an earlier append of this command: our fold is stale, and the
                // original result is where that append ended (it may have had more events than this decision).
                _cache.TryRemove(streamId, out _);
                return new CommandResult(commandId, streamId,
                    await FindAppliedAsync(streamId, commandId, cancellationToken) ?? result.NextExpectedRevision);
            }
            catch (DuplicateEventIdException)
            {
                // Some of this decision's ids were appended by an earlier, different-sized decision on the same command.
                _cache.TryRemove(streamId, out _);
                if (await FindAppliedAsync(streamId, commandId, cancellationToken) is not { } original) throw;
                return new CommandResult(commandId, streamId, original);
            }
            catch (WrongExpectedVersionException e) when (attempt < MaxAttempts)
            {
                LogRetry(streamId, attempt, e.ActualRevision);
                metrics.Retried(typeof(T).Name);
                // Exponential backoff with full jitter: two processes racing on one stream must not keep colliding
                // in lock-step until one of them runs out of attempts.
                if (attempt > 1)
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(MaxBackoffMs, 5 << attempt))), cancellationToken);
            }
            catch (WrongExpectedVersionException e)
            {
                throw new ConcurrencyConflictException(streamId, attempt, e);
            }
        }
    }

    /// <summary>The revision after the command's events when the fold no longer remembers the stream's older ids.</summary>
    private Task<long?> AppliedLongAgoAsync<T>(FoldedStream<T> folded, string streamId, Guid commandId, CancellationToken cancellationToken)
        where T : IAggregate<T> =>
        folded.RemembersWholeStream ? Task.FromResult<long?>(null) : FindAppliedAsync(streamId, commandId, cancellationToken);

    /// <summary>Reads the stream for the command's events; the revision after the last of them, or null if it never applied.</summary>
    private async Task<long?> FindAppliedAsync(string streamId, Guid commandId, CancellationToken cancellationToken)
    {
        long? last = null;
        var next = EventIds.For(commandId, streamId, 0);
        var index = 0;
        try
        {
            await foreach (var resolved in store.ReadStreamAsync(streamId, Direction.Forwards, StreamPosition.Start, cancellationToken: cancellationToken))
            {
                if (resolved.EventId != next)
                {
                    if (last is not null) break;
                    continue;
                }
                last = resolved.StreamRevision;
                next = EventIds.For(commandId, streamId, ++index);
            }
        }
        catch (StreamNotFoundException)
        {
            return null;
        }
        return last;
    }

    /// <summary>Soft-deletes a stream (e.g. a phone number's reservation) and forgets its cached fold.</summary>
    public async Task DeleteStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        _cache.TryRemove(streamId, out _);
        try
        {
            await store.DeleteStreamAsync(streamId, ExpectedRevision.Any, cancellationToken);
        }
        catch (StreamNotFoundException)
        {
            // Already deleted.
        }
        _cache.TryRemove(streamId, out _);
    }

    /// <summary>The aggregate as it is now (for decisions that span streams, e.g. checking an agent before assigning).</summary>
    public async Task<T> GetAsync<T>(string streamId, Guid aggregateId, CancellationToken cancellationToken) where T : IAggregate<T> =>
        (await LoadAsync<T>(streamId, aggregateId, cancellationToken)).State;

    private async Task<FoldedStream<T>> LoadAsync<T>(string streamId, Guid aggregateId, CancellationToken cancellationToken)
        where T : IAggregate<T>
    {
        var folded = _cache.TryGetValue(streamId, out var cached) && cached is FoldedStream<T> known
            ? known
            : FoldedStream<T>.Empty(T.Empty(aggregateId));
        try
        {
            var from = folded.Revision is { } revision ? revision + 1 : 0;
            folded = await folded.AdvanceAsync(store.ReadStreamAsync(streamId, Direction.Forwards, from, cancellationToken: cancellationToken));
        }
        catch (StreamNotFoundException)
        {
            // No stream (or a soft-deleted one): the aggregate does not exist.
            _cache.TryRemove(streamId, out _);
            return FoldedStream<T>.Empty(T.Empty(aggregateId));
        }
        Remember(streamId, folded);
        return folded;
    }

    private void Remember<T>(string streamId, FoldedStream<T> folded) where T : IAggregate<T>
    {
        // A crude bound: the cache only saves reads, so dropping it all when full costs one full read per stream.
        if (_cache.Count >= CacheCapacity) _cache.Clear();
        _cache.AddOrUpdate(streamId, folded, (_, existing) =>
            existing is FoldedStream<T> other && other.Revision > folded.Revision ? other : folded);
    }

    [LoggerMessage(LogLevel.Debug, "Stream {StreamId} changed under command (attempt {Attempt}, now at revision {Actual}); retrying")]
    private partial void LogRetry(string streamId, int attempt, long? actual);
}
