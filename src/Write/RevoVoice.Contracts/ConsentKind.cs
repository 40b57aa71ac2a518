using System.Text.Json.Serialization;

namespace RevoVoice.Contracts;

/// <summary>What a caller or customer consents to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentKind>))]
public enum ConsentKind
{
    [JsonStringEnumMemberName("recording")] Recording,
    [JsonStringEnumMemberName("ai-processing")] AiProcessing,
    [JsonStringEnumMemberName("marketing")] Marketing,
}
