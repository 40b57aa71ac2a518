using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RevoVoice.EventStore;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class EventStoreNodeJsonContext : JsonSerializerContext;
