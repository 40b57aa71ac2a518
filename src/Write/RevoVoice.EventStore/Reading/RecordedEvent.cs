namespace RevoVoice.EventStore;

/// <summary>
/// An event exactly as stored: the JSON is the stored text (personal-data fields still encrypted),
/// which is what hash chains and audits should cover.
/// </summary>
public sealed record RecordedEvent(
    string StreamId,
    long StreamRevision,
    long Position,
    Guid EventId,
    string EventType,
    string Data,
    string Metadata,
    string? DataSubject,
    DateTimeOffset Created);
