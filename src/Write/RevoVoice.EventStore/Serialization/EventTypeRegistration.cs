using System.Text.Json.Serialization.Metadata;

namespace RevoVoice.EventStore;

/// <summary>One registered current event type.</summary>
internal sealed record EventTypeRegistration(string Name, Type ClrType, JsonTypeInfo TypeInfo, PersonalData? PersonalData);
