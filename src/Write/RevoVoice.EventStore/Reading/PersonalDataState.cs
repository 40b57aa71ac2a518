namespace RevoVoice.EventStore;

/// <summary>What happened to an event's personal-data fields on read.</summary>
public enum PersonalDataState
{
    /// <summary>The event holds no encrypted personal data.</summary>
    None,
    /// <summary>The fields were decrypted with the subject's key.</summary>
    Decrypted,
    /// <summary>The subject was forgotten: the fields read as <see cref="PersonalData.ErasedMarker"/> (strings) or are left out of the JSON, i.e. their type's default (other values).</summary>
    Erased,
}
