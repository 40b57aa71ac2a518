namespace RevoVoice.Contracts;

/// <summary>
/// The stable, versioned name an event is stored under (<c>call-started.v1</c>). Renaming the C# type never
/// changes it; a changed shape gets a new version and an upcaster from the old one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
