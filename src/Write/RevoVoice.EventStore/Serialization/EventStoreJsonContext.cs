using System.Text.Json.Serialization;

namespace RevoVoice.EventStore;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredMetadata))]
internal sealed partial class EventStoreJsonContext : JsonSerializerContext;
