namespace RevoVoice.EventStore;

/// <summary>Stream id rules: non-empty, at most <see cref="MaxLength"/> characters, no control characters, not starting with the reserved '$'.</summary>
public static class StreamIds
{
    /// <summary>The longest stream id accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>The category of a stream: the text before the first '-' (<c>call-42</c> → <c>call</c>).</summary>
    public static string CategoryOf(string streamId)
    {
        var dash = streamId.IndexOf('-');
        return dash < 0 ? streamId : streamId[..dash];
    }

    /// <summary>Throws <see cref="InvalidStreamIdException"/> when <paramref name="streamId"/> breaks the rules.</summary>
    public static void Validate(string? streamId)
    {
        if (string.IsNullOrWhiteSpace(streamId))
            throw new InvalidStreamIdException(streamId, "a stream id must not be empty.");
        if (streamId.Length > MaxLength)
            throw new InvalidStreamIdException(streamId, $"it is {streamId.Length} characters long; the limit is {MaxLength}.");
        if (streamId[0] == '$')
            throw new InvalidStreamIdException(streamId, "ids starting with '$' are reserved for system streams.");
        foreach (var c in streamId)
            if (char.IsControl(c))
                throw new InvalidStreamIdException(streamId, "it contains control characters.");
    }
}
