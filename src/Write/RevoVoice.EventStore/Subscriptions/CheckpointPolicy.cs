namespace RevoVoice.EventStore;

/// <summary>
/// When a <see cref="SubscriptionRunner"/> stores its checkpoint: after <paramref name="EveryEvents"/> handled events or
/// <paramref name="Interval"/> since the last store, whichever comes first, and always when it stops.
/// A crash between stores re-delivers at most that many events on restart (handlers must be idempotent).
/// </summary>
public sealed record CheckpointPolicy(int EveryEvents, TimeSpan Interval)
{
    /// <summary>Every 100 events or every second.</summary>
    public static CheckpointPolicy Default { get; } = new(100, TimeSpan.FromSeconds(1));

    /// <summary>After every event (slowest, no re-delivery after a crash).</summary>
    public static CheckpointPolicy EveryEvent { get; } = new(1, TimeSpan.Zero);
}
