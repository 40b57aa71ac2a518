using System.Text.Json.Serialization;

namespace RevoVoice.Contracts.Calls;

/// <summary>The caller's mood as the sentiment scorer labels it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Sentiment>))]
public enum Sentiment
{
    [JsonStringEnumMemberName("neutral")] Neutral,
    [JsonStringEnumMemberName("positive")] Positive,
    [JsonStringEnumMemberName("negative")] Negative,
}
