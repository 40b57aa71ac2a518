namespace RevoVoice.EventStore;

/// <summary>
/// Declares which JSON properties of a registered event type hold personal data and whose data it is.
/// <paramref name="JsonPaths"/> are JSON property names as serialized (camelCase if the context says so), dotted for
/// nested objects (<c>"caller.phone"</c>). <paramref name="SubjectOf"/> finds the data subject (e.g. the customer id)
/// from the event; <see cref="EventData.DataSubject"/> overrides it per append.
/// </summary>
public sealed record PersonalData(IReadOnlyList<string> JsonPaths, Func<object, string?>? SubjectOf = null)
{
    /// <summary>What a string personal-data field reads as after its subject was forgotten.</summary>
    public const string ErasedMarker = "[erased]";
}
