using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace RevoVoice.EventStore;

/// <summary>
/// Maps stable versioned type names (<c>call-started.v1</c>) to CLR types and their source-generated
/// <see cref="JsonTypeInfo"/>, declares personal-data fields per type, and holds upcasters that turn an old
/// version's JSON into a newer one on read. Fill it once at start-up (it is read concurrently afterwards).
/// </summary>
public sealed partial class EventTypeRegistry
{
    private readonly Dictionary<string, EventTypeRegistration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, EventTypeRegistration> _byType = [];
    private readonly Dictionary<string, (string To, Func<JsonObject, JsonObject> Upcast)> _upcasters = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="TEvent"/> under <paramref name="typeName"/>.</summary>
    public EventTypeRegistry Register<TEvent>(string typeName, JsonTypeInfo<TEvent> typeInfo, PersonalData? personalData = null)
        where TEvent : notnull => Register(typeof(TEvent), typeName, typeInfo, personalData);

    /// <summary>Registers <paramref name="eventType"/>, taking its type info from a source-generated context.</summary>
    public EventTypeRegistry Register(Type eventType, string typeName, JsonSerializerContext context, PersonalData? personalData = null) =>
        Register(eventType, typeName,
            context.GetTypeInfo(eventType) ?? throw new ArgumentException(
                $"The JSON context {context.GetType().Name} has no type info for {eventType.FullName}; add [JsonSerializable(typeof({eventType.Name}))].",
                nameof(context)),
            personalData);

    /// <summary>Registers <paramref name="eventType"/> under <paramref name="typeName"/> with its type info.</summary>
    public EventTypeRegistry Register(Type eventType, string typeName, JsonTypeInfo typeInfo, PersonalData? personalData = null)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ValidateName(typeName);
        if (typeInfo.Type != eventType)
            throw new ArgumentException($"Type info is for {typeInfo.Type.FullName}, not {eventType.FullName}.", nameof(typeInfo));
        if (_byName.TryGetValue(typeName, out var existing) && existing.ClrType != eventType)
            throw new ArgumentException($"Type name '{typeName}' is already registered for {existing.ClrType.FullName}.", nameof(typeName));
        if (_upcasters.ContainsKey(typeName))
            throw new ArgumentException($"Type name '{typeName}' already has an upcaster, so it cannot also be a current type.", nameof(typeName));
        if (personalData?.JsonPaths.Count > PersonalDataCipher.MaxPaths)
            throw new ArgumentException($"'{typeName}' declares more than {PersonalDataCipher.MaxPaths} personal-data paths.", nameof(personalData));
        if (personalData is not null)
            foreach (var path in personalData.JsonPaths)
                if (string.IsNullOrWhiteSpace(path))
                    throw new ArgumentException($"Personal-data paths of '{typeName}' must not be empty.", nameof(personalData));

        var registration = new EventTypeRegistration(typeName, eventType, typeInfo, personalData);
        _byName[typeName] = registration;
        _byType[eventType] = registration;
        return this;
    }

    /// <summary>
    /// Declares that stored events named <paramref name="fromTypeName"/> (an old version, no longer a CLR type) are
    /// turned into <paramref name="toTypeName"/> by <paramref name="upcast"/> on read. Chains (v1 → v2 → v3) are followed.
    /// </summary>
    public EventTypeRegistry AddUpcaster(string fromTypeName, string toTypeName, Func<JsonObject, JsonObject> upcast)
    {
        ValidateName(fromTypeName);
        ValidateName(toTypeName);
        ArgumentNullException.ThrowIfNull(upcast);
        if (_byName.ContainsKey(fromTypeName))
            throw new ArgumentException($"'{fromTypeName}' is registered as a current type; upcast only from retired versions.", nameof(fromTypeName));
        if (fromTypeName == toTypeName)
            throw new ArgumentException("An upcaster must change the type name.", nameof(toTypeName));
        _upcasters[fromTypeName] = (toTypeName, upcast);
        return this;
    }

    /// <summary>The stable name registered for <paramref name="clrType"/>.</summary>
    public bool TryGetTypeName(Type clrType, out string typeName)
    {
        if (_byType.TryGetValue(clrType, out var registration))
        {
            typeName = registration.Name;
            return true;
        }
        typeName = "";
        return false;
    }

    /// <summary>The CLR type registered for <paramref name="typeName"/> (current versions only).</summary>
    public bool TryGetClrType(string typeName, out Type clrType)
    {
        if (_byName.TryGetValue(typeName, out var registration))
        {
            clrType = registration.ClrType;
            return true;
        }
        clrType = typeof(object);
        return false;
    }

    /// <summary>Every registered current type name.</summary>
    public IReadOnlyCollection<string> TypeNames => _byName.Keys;

    internal EventTypeRegistration? Find(Type clrType) => _byType.GetValueOrDefault(clrType);

    internal EventTypeRegistration? Find(string typeName) => _byName.GetValueOrDefault(typeName);

    /// <summary>Follows upcasters from <paramref name="typeName"/>; returns null when no upcaster starts there.</summary>
    internal (string FinalName, Func<JsonObject, JsonObject> Upcast)? UpcastChain(string typeName)
    {
        if (!_upcasters.ContainsKey(typeName)) return null;
        var steps = new List<Func<JsonObject, JsonObject>>();
        var name = typeName;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_upcasters.TryGetValue(name, out var step))
        {
            if (!seen.Add(name)) throw new InvalidOperationException($"Upcasters from '{typeName}' form a cycle.");
            steps.Add(step.Upcast);
            name = step.To;
        }
        return (name, json => steps.Aggregate(json, (current, upcast) => upcast(current)));
    }

    private static void ValidateName(string typeName)
    {
        if (typeName is null || !TypeNamePattern().IsMatch(typeName))
            throw new ArgumentException(
                $"Event type name '{typeName}' is not a stable versioned name like 'call-started.v1' (lower-case words joined by '-', then '.v' and a number).",
                nameof(typeName));
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*\.v[0-9]+$")]
    private static partial Regex TypeNamePattern();
}
