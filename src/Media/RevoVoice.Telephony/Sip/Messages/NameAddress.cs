using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>
/// The value of From, To, Contact, Route, Record-Route, Refer-To: <c>"Name" &lt;sip:uri&gt;;tag=x</c>, or a bare
/// URI whose <c>;</c> parameters then belong to the header (RFC 3261 20.10).
/// </summary>
public sealed record NameAddress(string? DisplayName, string Uri, string Parameters = "")
{
    /// <exception cref="SipParseException">no URI, or an unclosed bracket or quote.</exception>
    public static NameAddress Parse(string value)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) throw new SipParseException("An address header is empty.");
        string? display = null;
        if (text[0] == '"')
        {
            var close = 1;
            while (close < text.Length && text[close] != '"') close += text[close] == '\\' ? 2 : 1;
            if (close >= text.Length) throw new SipParseException($"Unclosed quote in '{SipUri.Trim(value)}'.");
            display = text[1..close].ToString();
            text = text[(close + 1)..].TrimStart();
        }
        var open = text.IndexOf('<');
        if (open >= 0)
        {
            var close = text.IndexOf('>');
            if (close < open) throw new SipParseException($"Unclosed '<' in '{SipUri.Trim(value)}'.");
            if (display is null && open > 0) display = text[..open].Trim().ToString();
            var uri = text[(open + 1)..close].Trim().ToString();
            if (uri.Length == 0 || uri.IndexOf(':') <= 0) throw new SipParseException($"No URI in '{SipUri.Trim(value)}'.");
            var after = text[(close + 1)..].Trim();
            var parameters = after.StartsWith(";") ? after[1..].ToString() : after.IsEmpty ? "" :
                throw new SipParseException($"Junk after '>' in '{SipUri.Trim(value)}'.");
            return new NameAddress(string.IsNullOrEmpty(display) ? null : display, uri, parameters);
        }
        if (display is not null) throw new SipParseException($"A display name needs a <URI> in '{SipUri.Trim(value)}'.");
        var semicolon = text.IndexOf(';');
        var bare = (semicolon < 0 ? text : text[..semicolon]).Trim().ToString();
        if (bare.IndexOf(':') <= 0 || bare.Contains(' ')) throw new SipParseException($"No URI in '{SipUri.Trim(value)}'.");
        return new NameAddress(null, bare, semicolon < 0 ? "" : text[(semicolon + 1)..].ToString());
    }

    public string? Tag => HeaderParameters.Find(Parameters, "tag");

    public NameAddress WithTag(string tag) =>
        this with { Parameters = Tag is null ? (Parameters.Length == 0 ? $"tag={tag}" : $"{Parameters};tag={tag}") : Parameters };

    public SipUri ParsedUri => SipUri.Parse(Uri);

    public override string ToString()
    {
        var builder = new StringBuilder();
        if (DisplayName is not null) builder.Append('"').Append(DisplayName).Append("\" ");
        builder.Append('<').Append(Uri).Append('>');
        if (Parameters.Length > 0) builder.Append(';').Append(Parameters);
        return builder.ToString();
    }
}
