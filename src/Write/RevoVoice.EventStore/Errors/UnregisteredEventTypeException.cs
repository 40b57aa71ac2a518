namespace RevoVoice.EventStore;

/// <summary>An event of a CLR type that is not in the <see cref="EventTypeRegistry"/> was appended.</summary>
public sealed class UnregisteredEventTypeException(Type clrType)
    : EventStoreException($"Event type {clrType.FullName} is not registered in the event type registry.")
{
    /// <summary>The CLR type appended.</summary>
    public Type ClrType { get; } = clrType;
}
