using System.Text.Json;
using System.Text.Json.Serialization;

namespace RevoVoice.Write.Routing;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RoutingBoardSnapshot))]
internal sealed partial class RoutingJsonContext : JsonSerializerContext;
