namespace RevoVoice.EventStore;

/// <summary>
/// An event type declares personal-data fields but neither <see cref="EventData.DataSubject"/> nor the registered
/// subject resolver named whose data it is, so it cannot be encrypted; nothing was written.
/// </summary>
public sealed class MissingDataSubjectException(string eventType, Guid eventId)
    : EventStoreException($"Event {eventId} ({eventType}) holds personal data but names no data subject.")
{
    /// <summary>The stable type name.</summary>
    public string EventType { get; } = eventType;
    /// <summary>The event id.</summary>
    public Guid EventId { get; } = eventId;
}
