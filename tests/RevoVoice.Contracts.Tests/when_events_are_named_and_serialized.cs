using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.Contracts.Serialization;

namespace RevoVoice.Contracts.Tests;

public sealed partial class when_events_are_named_and_serialized
{
    /// <summary>Stored names are forever: this list changes only by adding names (a new type, or a new version).</summary>
    private static readonly string[] StoredNames =
    [
        "agent-action-taken.v1", "agent-assigned.v1", "agent-registered.v1", "agent-status-changed.v1", "bot-responded.v1",
        "call-answered.v1", "call-ended.v1", "call-queued.v1", "call-recorded.v1", "call-started.v1", "call-transferred.v1", "caller-barged-in.v1",
        "consent-changed.v1", "consent-recorded.v1", "customer-forgotten.v1", "customer-identified-on-call.v1", "customer-identified.v1",
        "customer-phone-reserved.v1", "customer-registered.v1", "dtmf-received.v1", "escalation-triggered.v1", "intent-detected.v1",
        "preference-set.v1", "sentiment-changed.v1", "utterance-recognized.v1",
    ];

    private static IEnumerable<Type> ContractTypes =>
        typeof(EventCatalog).Assembly.GetTypes().Where(t => t.IsPublic && t.Namespace != typeof(ContractsJsonContext).Namespace
            && !t.IsAbstract && !t.IsEnum && !t.IsSubclassOf(typeof(Attribute)) && t.GetConstructors().Any(c => c.GetParameters().Length > 0));

    public static TheoryData<Type> EventTypes() => [.. EventCatalog.EventTypes];

    public static TheoryData<Type> Contracts() => [.. ContractTypes];

    [Fact]
    public void every_event_of_the_design_has_its_stored_name()
    {
        EventCatalog.EventTypes.Select(EventCatalog.NameOf).Order(StringComparer.Ordinal).Should().Equal(StoredNames);
    }

    [Fact]
    public void every_event_record_is_in_the_catalog()
    {
        var attributed = typeof(EventCatalog).Assembly.GetTypes().Where(t => t.GetCustomAttribute<EventTypeAttribute>() is not null);
        EventCatalog.EventTypes.Should().BeEquivalentTo(attributed);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void an_event_is_a_sealed_record_with_a_versioned_name(Type type)
    {
        type.IsSealed.Should().BeTrue();
        type.GetMethod("<Clone>$").Should().NotBeNull("events are records");
        type.GetProperties().Should().OnlyContain(p => p.SetMethod == null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Length > 0,
            "events are immutable (init-only)");
        VersionedName().IsMatch(EventCatalog.NameOf(type)).Should().BeTrue(EventCatalog.NameOf(type));
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void every_event_and_command_round_trips_through_the_generated_json_context(Type type)
    {
        var instance = Sample(type);
        var typeInfo = ContractsJsonContext.Default.GetTypeInfo(type);
        typeInfo.Should().NotBeNull($"{type.Name} needs [JsonSerializable] in ContractsJsonContext");

        var json = JsonSerializer.Serialize(instance, typeInfo!);
        var back = JsonSerializer.Deserialize(json, typeInfo!);

        JsonSerializer.Serialize(back, typeInfo!).Should().Be(json);
        json.Should().NotContain("\"CommandId\"").And.NotContain("\"CallId\"", "the wire format is camelCase");
    }

    [Fact]
    public void personal_data_is_marked_on_names_numbers_spoken_text_and_notes()
    {
        var marked = EventCatalog.EventTypes
            .SelectMany(t => EventCatalog.PersonalFieldsOf(t).Select(f => $"{EventCatalog.NameOf(t)}:{f}"))
            .Order(StringComparer.Ordinal);
        marked.Should().Equal(
            "agent-action-taken.v1:note", "agent-registered.v1:name", "bot-responded.v1:text", "call-started.v1:callerNumber",
            "customer-registered.v1:name", "customer-registered.v1:phoneNumber", "dtmf-received.v1:digits", "intent-detected.v1:entities",
            "utterance-recognized.v1:text");
    }

    [Fact]
    public void no_unmarked_field_looks_like_personal_data()
    {
        var suspicious = new[] { "name", "phone", "text", "note", "number", "digits" };
        foreach (var type in EventCatalog.EventTypes)
        foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            var looksPersonal = suspicious.Any(s => property.Name.Contains(s, StringComparison.OrdinalIgnoreCase))
                && property.Name != "CalledNumber"; // the platform's own number, not the caller's
            if (looksPersonal)
                property.GetCustomAttribute<PersonalDataAttribute>().Should().NotBeNull($"{type.Name}.{property.Name} looks personal");
        }
    }

    [Fact]
    public void enums_travel_as_their_lower_case_wire_names()
    {
        var action = new AgentActionTaken(Guid.Empty, Guid.Empty, AgentAction.WrapUp, null, null, DateTimeOffset.UnixEpoch);
        JsonSerializer.Serialize(action, ContractsJsonContext.Default.AgentActionTaken).Should().Contain("\"action\":\"wrap-up\"");
        var consent = new ConsentRecorded(Guid.Empty, ConsentKind.AiProcessing, true, DateTimeOffset.UnixEpoch);
        JsonSerializer.Serialize(consent, ContractsJsonContext.Default.ConsentRecorded).Should().Contain("\"consent\":\"ai-processing\"");
        JsonSerializer.Deserialize("{\"agentId\":\"00000000-0000-0000-0000-000000000001\",\"from\":\"busy\",\"to\":\"available\",\"callId\":null,\"changedAt\":\"2026-01-01T00:00:00Z\"}",
            ContractsJsonContext.Default.AgentStatusChanged)!.To.Should().Be(AgentStatus.Available);
    }

    [Fact]
    public void stream_names_put_the_category_before_the_first_dash()
    {
        var id = Guid.NewGuid();
        StreamNames.Call(id).Should().Be($"call-{id:N}");
        StreamNames.Customer(id).Split('-')[0].Should().Be(StreamNames.CustomerCategory);
        StreamNames.Agent(id).Split('-')[0].Should().Be(StreamNames.AgentCategory);
        StreamNames.PhoneReservation("ab12").Should().Be("customerphone-ab12");
    }

    private static object Sample(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => SampleValue(p.ParameterType)).ToArray());
    }

    private static object? SampleValue(Type type)
    {
        if (type == typeof(Guid)) return Guid.NewGuid();
        if (type == typeof(string)) return "sample";
        if (type == typeof(int)) return 7;
        if (type == typeof(long)) return 1_234L;
        if (type == typeof(double)) return 0.5;
        if (type == typeof(bool)) return true;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(1);
        if (Nullable.GetUnderlyingType(type) is { } inner) return SampleValue(inner);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var array = Array.CreateInstance(element, 1);
            array.SetValue(SampleValue(element), 0);
            return array;
        }
        return Sample(type);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*\.v[0-9]+$")]
    private static partial Regex VersionedName();
}
