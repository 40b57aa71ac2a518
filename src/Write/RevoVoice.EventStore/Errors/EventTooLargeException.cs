namespace RevoVoice.EventStore;

/// <summary>An event's serialized data plus metadata exceeds <see cref="EventStoreOptions.MaxEventSizeBytes"/>; the batch was not written.</summary>
public sealed class EventTooLargeException(string streamId, Guid eventId, string eventType, int sizeBytes, int limitBytes)
    : EventStoreException(
        $"Event {eventId} ({eventType}) for stream '{streamId}' is {sizeBytes} bytes, over the {limitBytes}-byte limit.")
{
    /// <summary>The stream written to.</summary>
    public string StreamId { get; } = streamId;
    /// <summary>The offending event.</summary>
    public Guid EventId { get; } = eventId;
    /// <summary>Its serialized size.</summary>
    public int SizeBytes { get; } = sizeBytes;
    /// <summary>The configured limit.</summary>
    public int LimitBytes { get; } = limitBytes;
}
