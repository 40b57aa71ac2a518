namespace RevoVoice.EventStore;

/// <summary>Base class of every error the event store raises on purpose; catch it to handle them all.</summary>
public abstract class EventStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected EventStoreException(string message, Exception? inner = null) : base(message, inner) { }
}
