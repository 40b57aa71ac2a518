namespace RevoVoice.EventStore;

/// <summary>A stored event of a registered type could not be turned back into its CLR type (corrupt or incompatible JSON).</summary>
public sealed class EventDeserializationException(string streamId, long streamRevision, string eventType, Exception inner)
    : EventStoreException($"Event {streamId}@{streamRevision} ({eventType}) could not be deserialized: {inner.Message}", inner)
{
    /// <summary>The stream.</summary>
    public string StreamId { get; } = streamId;
    /// <summary>The event's revision in it.</summary>
    public long StreamRevision { get; } = streamRevision;
    /// <summary>The stored type name.</summary>
    public string EventType { get; } = eventType;
}
