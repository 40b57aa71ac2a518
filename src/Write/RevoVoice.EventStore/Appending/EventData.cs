namespace RevoVoice.EventStore;

/// <summary>
/// One event to append. <paramref name="Event"/> is an instance of a type registered in the
/// <see cref="EventTypeRegistry"/>; its stable type name and JSON come from there. <paramref name="EventId"/> makes
/// the append idempotent: re-appending the same ids to the same stream returns the original result.
/// <paramref name="Metadata"/> defaults to the ambient trace context; <paramref name="DataSubject"/> overrides the
/// registry's subject resolver for personal-data encryption (e.g. the customer id).
/// </summary>
public sealed record EventData(Guid EventId, object Event, EventMetadata? Metadata = null, string? DataSubject = null)
{
    /// <summary>An event with a new time-ordered id (UUID v7).</summary>
    public static EventData Create(object @event, EventMetadata? metadata = null, string? dataSubject = null) =>
        new(Guid.CreateVersion7(), @event, metadata, dataSubject);
}
