using System.Text.Json.Serialization;

namespace RevoVoice.Contracts.Calls;

/// <summary>What a human agent does on a call they were assigned.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentAction>))]
public enum AgentAction
{
    [JsonStringEnumMemberName("note")] Note,
    [JsonStringEnumMemberName("hold")] Hold,
    [JsonStringEnumMemberName("resume")] Resume,
    [JsonStringEnumMemberName("disposition")] Disposition,
    [JsonStringEnumMemberName("suggestion-accepted")] SuggestionAccepted,
    /// <summary>Closes the agent's work on the call (after it ended) and frees the agent for the next one.</summary>
    [JsonStringEnumMemberName("wrap-up")] WrapUp,
}
