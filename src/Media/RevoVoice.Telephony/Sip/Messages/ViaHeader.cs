using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>One Via entry: <c>SIP/2.0/UDP host:port;branch=z9hG4bK...;rport</c>.</summary>
public sealed record ViaHeader(string Transport, string Host, int? Port, string Parameters)
{
    /// <summary>RFC 3261's magic cookie: branches starting with it identify transactions on their own.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <exception cref="SipParseException">not <c>SIP/2.0/transport sent-by</c>.</exception>
    public static ViaHeader Parse(string value)
    {
        var text = value.AsSpan().Trim();
        var slash1 = text.IndexOf('/');
        if (slash1 < 0 || !text[..slash1].Trim().Equals("SIP", StringComparison.OrdinalIgnoreCase))
            throw new SipParseException($"Via '{SipUri.Trim(value)}' does not start with SIP/2.0/.");
        text = text[(slash1 + 1)..].TrimStart();
        var slash2 = text.IndexOf('/');
        if (slash2 < 0 || !text[..slash2].Trim().SequenceEqual("2.0"))
            throw new SipParseException($"Via '{SipUri.Trim(value)}' has no SIP version 2.0.");
        text = text[(slash2 + 1)..].TrimStart();
        var space = text.IndexOfAny(' ', '\t');
        if (space <= 0) throw new SipParseException($"Via '{SipUri.Trim(value)}' has no sent-by.");
        var transport = text[..space].ToString().ToUpperInvariant();
        text = text[space..].Trim();
        var semicolon = text.IndexOf(';');
        var (host, port) = SipUri.ParseHostPort(semicolon < 0 ? text : text[..semicolon], value);
        var parameters = semicolon < 0 ? "" : text[(semicolon + 1)..].Trim().ToString();
        return new ViaHeader(transport, host, port, parameters);
    }

    public string? Branch => HeaderParameters.Find(Parameters, "branch");

    public string SentBy => Port is null ? Host : $"{Host}:{Port}";

    public override string ToString()
    {
        var builder = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is not null) builder.Append(':').Append(Port.Value);
        if (Parameters.Length > 0) builder.Append(';').Append(Parameters);
        return builder.ToString();
    }
}
