namespace RevoVoice.EventStore;

/// <summary>Remembers, per named subscription, the global position of the last event it handled.</summary>
public interface ICheckpointStore
{
    /// <summary>The stored checkpoint, or null when the subscription never stored one.</summary>
    Task<long?> GetAsync(string subscriptionName, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="position"/> as the subscription's checkpoint.</summary>
    Task StoreAsync(string subscriptionName, long position, CancellationToken cancellationToken = default);
}
