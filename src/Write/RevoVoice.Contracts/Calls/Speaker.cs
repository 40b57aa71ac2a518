using System.Text.Json.Serialization;

namespace RevoVoice.Contracts.Calls;

/// <summary>Who spoke an utterance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Speaker>))]
public enum Speaker
{
    [JsonStringEnumMemberName("caller")] Caller,
    [JsonStringEnumMemberName("bot")] Bot,
    [JsonStringEnumMemberName("agent")] Agent,
}
