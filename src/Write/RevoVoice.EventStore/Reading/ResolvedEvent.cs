namespace RevoVoice.EventStore;

/// <summary>
/// An event as read: <see cref="Event"/> is the registered CLR instance (upcast to the newest version,
/// personal data decrypted or erased), or an <see cref="UnknownEvent"/> when the stored type name is not registered.
/// <see cref="Record"/> keeps the stored form.
/// </summary>
public sealed record ResolvedEvent(RecordedEvent Record, object Event, EventMetadata Metadata, PersonalDataState PersonalData)
{
    /// <summary>The stream.</summary>
    public string StreamId => Record.StreamId;
    /// <summary>The revision in the stream (0-based).</summary>
    public long StreamRevision => Record.StreamRevision;
    /// <summary>The global position in <c>$all</c>.</summary>
    public long Position => Record.Position;
    /// <summary>The event id given at append.</summary>
    public Guid EventId => Record.EventId;
    /// <summary>The stable type name as stored (before upcasting).</summary>
    public string EventType => Record.EventType;
    /// <summary>When it was recorded (UTC, from the store's TimeProvider).</summary>
    public DateTimeOffset Created => Record.Created;
}
