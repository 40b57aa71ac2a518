using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RevoVoice.EventStore;

/// <summary>Turns <see cref="EventData"/> into stored JSON (encrypting personal data) and stored rows back into <see cref="ResolvedEvent"/>s.</summary>
internal sealed class EventSerializer(EventTypeRegistry registry, KeyVault keyVault, EventStoreOptions options)
{
    public async Task<SerializedEvent> SerializeAsync(string streamId, EventData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Event, nameof(EventData.Event));
        var registration = registry.Find(data.Event.GetType()) ?? throw new UnregisteredEventTypeException(data.Event.GetType());

        string json;
        string? subject = null;
        if (registration.PersonalData is { JsonPaths.Count: > 0 } personal)
        {
            subject = data.DataSubject ?? personal.SubjectOf?.Invoke(data.Event);
            if (string.IsNullOrEmpty(subject)) throw new MissingDataSubjectException(registration.Name, data.EventId);
            var key = await keyVault.GetOrCreateForAppendAsync(subject, cancellationToken);
            var utf8 = JsonSerializer.SerializeToUtf8Bytes(data.Event, registration.TypeInfo);
            if (utf8 is not [(byte)'{', ..])
                throw new InvalidOperationException($"Event type {registration.Name} must serialize to a JSON object to carry personal data.");
            json = PersonalDataCipher.EncryptFields(utf8, registration.PersonalDataPaths, subject, key);
        }
        else
        {
            json = JsonSerializer.Serialize(data.Event, registration.TypeInfo);
        }

        var metadata = JsonSerializer.Serialize(ToStored(data.Metadata), EventStoreJsonContext.Default.StoredMetadata);
        var size = Encoding.UTF8.GetByteCount(json) + Encoding.UTF8.GetByteCount(metadata);
        if (size > options.MaxEventSizeBytes)
            throw new EventTooLargeException(streamId, data.EventId, registration.Name, size, options.MaxEventSizeBytes);
        return new SerializedEvent(data.EventId, registration.Name, json, metadata, subject);
    }

    public ResolvedEvent Resolve(RecordedEvent record, IReadOnlyDictionary<string, byte[]?> keys)
    {
        try
        {
            JsonNode? node = null;
            var state = PersonalDataState.None;
            if (record.DataSubject is { } subject)
            {
                node = JsonNode.Parse(record.Data);
                state = PersonalDataCipher.OpenFields(node, subject, keys.GetValueOrDefault(subject));
            }

            var typeName = record.EventType;
            if (registry.UpcastChain(typeName) is { } chain)
            {
                node ??= JsonNode.Parse(record.Data);
                node = chain.Upcast(node as JsonObject
                    ?? throw new JsonException($"an upcast needs a JSON object, the stored {typeName} is a {node?.GetValueKind()}"));
                typeName = chain.FinalName;
            }

            object @event = registry.Find(typeName) is { } registration
                ? (node is null ? JsonSerializer.Deserialize(record.Data, registration.TypeInfo) : node.Deserialize(registration.TypeInfo))
                  ?? throw new JsonException("the stored data is JSON null")
                : new UnknownEvent(record.EventType, node is null
                    ? JsonElement.Parse(record.Data)
                    : JsonSerializer.SerializeToElement(node, EventStoreNodeJsonContext.Default.JsonNode));

            return new ResolvedEvent(record, @event, ReadMetadata(record.Metadata), state);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw new EventDeserializationException(record.StreamId, record.StreamRevision, record.EventType, e);
        }
    }

    private static EventMetadata ReadMetadata(string json)
    {
        var stored = JsonSerializer.Deserialize(json, EventStoreJsonContext.Default.StoredMetadata);
        return stored is null
            ? EventMetadata.Empty
            : new EventMetadata(stored.CorrelationId, stored.CausationId, stored.Actor, stored.TraceParent, stored.TraceState);
    }

    private static StoredMetadata ToStored(EventMetadata? metadata)
    {
        metadata ??= EventMetadata.Empty;
        var traceParent = metadata.TraceParent;
        var traceState = metadata.TraceState;
        if (traceParent is null && Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            traceParent = activity.Id;
            traceState = activity.TraceStateString;
        }
        return new StoredMetadata(metadata.CorrelationId, metadata.CausationId, metadata.Actor, traceParent, traceState);
    }
}
