using System.Text.Json.Serialization.Metadata;

namespace RevoVoice.EventStore;

/// <summary>One registered current event type.</summary>
internal sealed record EventTypeRegistration(string Name, Type ClrType, JsonTypeInfo TypeInfo, PersonalData? PersonalData)
{
    /// <summary>The personal-data paths split into property names once, not on every append.</summary>
    public IReadOnlyList<string[]> PersonalDataPaths { get; } = PersonalData?.JsonPaths.Select(p => p.Split('.')).ToArray() ?? [];
}
