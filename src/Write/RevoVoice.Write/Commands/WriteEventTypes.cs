using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Customers;
using RevoVoice.Contracts.Serialization;
using RevoVoice.EventStore;

namespace RevoVoice.Write.Commands;

/// <summary>
/// Registers every contract event with the store: its stable name, its source-generated JSON metadata and its
/// personal-data fields. The data subject of each append is given by the aggregate (the customer where known);
/// customer and agent events also name their subject themselves, for any writer that does not.
/// </summary>
public static class WriteEventTypes
{
    public static EventTypeRegistry AddWriteEvents(this EventTypeRegistry registry)
    {
        foreach (var type in EventCatalog.EventTypes)
        {
            var personal = EventCatalog.PersonalFieldsOf(type);
            registry.Register(type, EventCatalog.NameOf(type), ContractsJsonContext.Default,
                personal.Count == 0 ? null : new PersonalData(personal, SubjectOf));
        }
        return registry;
    }

    // Call events have no subject of their own: who the caller is depends on the call's history.
    private static string? SubjectOf(object @event) => @event switch
    {
        CustomerRegistered e => StreamNames.Customer(e.CustomerId),
        AgentRegistered e => StreamNames.Agent(e.AgentId),
        _ => null,
    };
}
