using System.Reflection;
using System.Text.Json;

namespace RevoVoice.Contracts;

/// <summary>
/// Every event type of the write side with its stored name and personal-data fields, read from the
/// <see cref="EventTypeAttribute"/> and <see cref="PersonalDataAttribute"/> on the records.
/// </summary>
public static class EventCatalog
{
    public static IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(global::RevoVoice.Contracts.Agents.AgentRegistered),
        typeof(global::RevoVoice.Contracts.Agents.AgentStatusChanged),
        typeof(global::RevoVoice.Contracts.Calls.AgentActionTaken),
        typeof(global::RevoVoice.Contracts.Calls.AgentAssigned),
        typeof(global::RevoVoice.Contracts.Calls.BotResponded),
        typeof(global::RevoVoice.Contracts.Calls.CallAnswered),
        typeof(global::RevoVoice.Contracts.Calls.CallEnded),
        typeof(global::RevoVoice.Contracts.Calls.CallQueued),
        typeof(global::RevoVoice.Contracts.Calls.CallRecorded),
        typeof(global::RevoVoice.Contracts.Calls.CallStarted),
        typeof(global::RevoVoice.Contracts.Calls.CallTransferred),
        typeof(global::RevoVoice.Contracts.Calls.CallerBargedIn),
        typeof(global::RevoVoice.Contracts.Calls.ConsentRecorded),
        typeof(global::RevoVoice.Contracts.Calls.DtmfReceived),
        typeof(global::RevoVoice.Contracts.Calls.EscalationTriggered),
        typeof(global::RevoVoice.Contracts.Calls.IntentDetected),
        typeof(global::RevoVoice.Contracts.Calls.SentimentChanged),
        typeof(global::RevoVoice.Contracts.Calls.UtteranceRecognized),
        typeof(global::RevoVoice.Contracts.Customers.ConsentChanged),
        typeof(global::RevoVoice.Contracts.Customers.CustomerForgotten),
        typeof(global::RevoVoice.Contracts.Customers.CustomerIdentified),
        typeof(global::RevoVoice.Contracts.Customers.CustomerIdentifiedOnCall),
        typeof(global::RevoVoice.Contracts.Customers.CustomerRegistered),
        typeof(global::RevoVoice.Contracts.Customers.PhoneNumberReserved),
        typeof(global::RevoVoice.Contracts.Customers.PreferenceSet),
    ];

    /// <summary>The stored name of an event type, e.g. <c>call-started.v1</c>.</summary>
    public static string NameOf(Type eventType) =>
        eventType.GetCustomAttribute<EventTypeAttribute>()?.Name
        ?? throw new ArgumentException($"{eventType.Name} has no [EventType] name.", nameof(eventType));

    /// <summary>The JSON (camelCase) names of the fields holding personal data.</summary>
    public static IReadOnlyList<string> PersonalFieldsOf(Type eventType) =>
        eventType.GetProperties()
            .Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToArray();
}
