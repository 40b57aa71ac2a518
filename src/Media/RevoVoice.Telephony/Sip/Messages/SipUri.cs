using System.Text;

namespace RevoVoice.Telephony.Sip.Messages;

/// <summary>A sip:/sips: URI (RFC 3261 19.1): <c>sip:user@host:port;param=value?header=value</c>.</summary>
public sealed record SipUri(string Scheme, string? User, string Host, int? Port, string Parameters = "", string Headers = "")
{
    /// <exception cref="SipParseException">not a sip:/sips: URI with a host.</exception>
    public static SipUri Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0) throw new SipParseException($"'{Trim(text)}' is not a SIP URI (no scheme).");
        var scheme = text[..colon].ToLowerInvariant();
        if (scheme is not ("sip" or "sips")) throw new SipParseException($"Unsupported URI scheme '{Trim(scheme)}'.");
        var rest = text.AsSpan(colon + 1);
        var headers = "";
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            headers = rest[(question + 1)..].ToString();
            rest = rest[..question];
        }
        var parameters = "";
        var at = rest.LastIndexOf('@');
        var semicolon = rest[(at + 1)..].IndexOf(';');
        if (semicolon >= 0)
        {
            semicolon += at + 1;
            parameters = rest[(semicolon + 1)..].ToString();
            rest = rest[..semicolon];
        }
        string? user = null;
        if (at >= 0)
        {
            user = rest[..at].ToString();
            rest = rest[(at + 1)..];
        }
        var (host, port) = ParseHostPort(rest, text);
        return new SipUri(scheme, user, host, port, parameters, headers);
    }

    public static bool TryParse(string text, out SipUri? uri)
    {
        try
        {
            uri = Parse(text);
            return true;
        }
        catch (SipParseException)
        {
            uri = null;
            return false;
        }
    }

    /// <summary>Parses <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>.</summary>
    internal static (string Host, int? Port) ParseHostPort(ReadOnlySpan<char> hostPort, string context)
    {
        hostPort = hostPort.Trim();
        if (hostPort.IsEmpty) throw new SipParseException($"'{Trim(context)}' has no host.");
        string host;
        ReadOnlySpan<char> portText = default;
        if (hostPort[0] == '[')
        {
            var close = hostPort.IndexOf(']');
            if (close < 0) throw new SipParseException($"'{Trim(context)}' has an unclosed IPv6 reference.");
            host = hostPort[..(close + 1)].ToString();
            if (close + 1 < hostPort.Length)
            {
                if (hostPort[close + 1] != ':') throw new SipParseException($"'{Trim(context)}' has junk after the IPv6 address.");
                portText = hostPort[(close + 2)..];
            }
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = (colon >= 0 ? hostPort[..colon] : hostPort).ToString();
            if (colon >= 0) portText = hostPort[(colon + 1)..];
        }
        foreach (var c in host)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '[' or ']' or ':'))
                throw new SipParseException($"'{Trim(context)}' has an invalid host.");
        if (host.Length == 0) throw new SipParseException($"'{Trim(context)}' has no host.");
        int? port = null;
        if (!portText.IsEmpty || hostPort.EndsWith(":"))
        {
            if (!int.TryParse(portText, System.Globalization.NumberStyles.None, null, out var p) || p is < 1 or > 65535)
                throw new SipParseException($"'{Trim(context)}' has an invalid port.");
            port = p;
        }
        return (host, port);
    }

    /// <summary>A URI parameter's value ("" for a flag), or null when absent.</summary>
    public string? Parameter(string name) => HeaderParameters.Find(Parameters, name);

    public override string ToString()
    {
        var builder = new StringBuilder(Scheme).Append(':');
        if (User is not null) builder.Append(User).Append('@');
        builder.Append(Host);
        if (Port is not null) builder.Append(':').Append(Port.Value);
        if (Parameters.Length > 0) builder.Append(';').Append(Parameters);
        if (Headers.Length > 0) builder.Append('?').Append(Headers);
        return builder.ToString();
    }

    internal static string Trim(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
