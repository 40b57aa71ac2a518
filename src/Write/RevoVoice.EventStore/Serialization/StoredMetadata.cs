using System.Text.Json.Serialization;

namespace RevoVoice.EventStore;

/// <summary>The metadata JSON as stored, with EventStoreDB's property names so an adapter can map it one to one.</summary>
internal sealed record StoredMetadata(
    [property: JsonPropertyName("$correlationId")] string? CorrelationId,
    [property: JsonPropertyName("$causationId")] string? CausationId,
    [property: JsonPropertyName("actor")] string? Actor,
    [property: JsonPropertyName("traceparent")] string? TraceParent,
    [property: JsonPropertyName("tracestate")] string? TraceState);
