using System.Text.Json.Serialization;

namespace RevoVoice.Bench.EventStore;

/// <summary>A call-domain-sized event (~120 bytes of JSON) for the event store benchmark.</summary>
public sealed record UtteranceBenchmarked(string CallId, int Sequence, string Speaker, string Text, double Confidence);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(UtteranceBenchmarked))]
internal sealed partial class BenchEventsJsonContext : JsonSerializerContext;
