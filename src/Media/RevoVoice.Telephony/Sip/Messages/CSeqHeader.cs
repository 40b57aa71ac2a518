namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>The CSeq header: a sequence number below 2^31 and a method.</summary>
public readonly record struct CSeqHeader(long Number, string Method)
{
    /// <exception cref="SipParseException">not <c>number METHOD</c>.</exception>
    public static CSeqHeader Parse(string value)
    {
        var text = value.AsSpan().Trim();
        var space = text.IndexOfAny(' ', '\t');
        if (space <= 0) throw new SipParseException($"CSeq '{SipUri.Trim(value)}' is not 'number METHOD'.");
        if (!long.TryParse(text[..space], System.Globalization.NumberStyles.None, null, out var number) || number > int.MaxValue)
            throw new SipParseException($"CSeq '{SipUri.Trim(value)}' has an invalid number.");
        var method = text[space..].Trim().ToString();
        if (!SipMessageParser.IsToken(method)) throw new SipParseException($"CSeq '{SipUri.Trim(value)}' has an invalid method.");
        return new CSeqHeader(number, method);
    }

    public override string ToString() => $"{Number} {Method}";
}
