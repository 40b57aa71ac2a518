namespace RevoVoice.EventStore;

/// <summary>An event ready for the append function: stable type name, JSON text with personal data encrypted.</summary>
internal sealed record SerializedEvent(Guid EventId, string EventType, string Data, string Metadata, string? DataSubject);
