using System.Text.Json.Serialization;

namespace RevoVoice.Contracts.Agents;

/// <summary>An agent's availability; only an available agent is given calls.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    [JsonStringEnumMemberName("offline")] Offline,
    [JsonStringEnumMemberName("available")] Available,
    [JsonStringEnumMemberName("busy")] Busy,
    [JsonStringEnumMemberName("away")] Away,
}
