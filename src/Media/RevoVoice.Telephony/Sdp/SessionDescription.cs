using System.Text;

namespace RevoVoice.Telephony.Sdp;

/// <summary>An SDP session description (RFC 4566): the lines offer/answer needs, everything else kept as attributes.</summary>
public sealed class SessionDescription
{
    public string OriginUser { get; init; } = "-";

    public long SessionId { get; init; }

    public long SessionVersion { get; set; }

    public string OriginAddress { get; init; } = "127.0.0.1";

    public string SessionName { get; init; } = "-";

    /// <summary>The session-level c= address (media may override it).</summary>
    public string? ConnectionAddress { get; set; }

    public List<(string Name, string? Value)> Attributes { get; init; } = [];

    public List<SdpMedia> Media { get; init; } = [];

    /// <summary>The connection address that applies to a media section (RFC 4566 5.7).</summary>
    public string? AddressOf(SdpMedia media) => media.ConnectionAddress ?? ConnectionAddress;

    /// <summary>The direction of a media section; the session-level attribute applies when the media has none.</summary>
    public MediaDirection DirectionOf(SdpMedia media) =>
        media.Direction
        ?? Attributes.Select(a => a.Value is null ? MediaDirections.FromAttribute(a.Name) : null).FirstOrDefault(d => d is not null)
        ?? MediaDirection.SendRecv;

    /// <exception cref="SdpParseException">not a valid session description.</exception>
    public static SessionDescription Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] != "v=0") throw new SdpParseException("The session description does not start with v=0.");
        string originUser = "-", originAddress = "0.0.0.0", sessionName = "-";
        long sessionId = 0, sessionVersion = 0;
        string? connection = null;
        var attributes = new List<(string, string?)>();
        var media = new List<SdpMedia>();
        SdpMedia? current = null;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
                throw new SdpParseException($"'{Trim(line)}' is not a type=value line.");
            var value = line[2..];
            switch (line[0])
            {
                case 'o':
                    var origin = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (origin.Length != 6 || !long.TryParse(origin[1], out sessionId) || !long.TryParse(origin[2], out sessionVersion))
                        throw new SdpParseException($"Origin line 'o={Trim(value)}' is not 'user id version IN IP4 address'.");
                    originUser = origin[0];
                    originAddress = origin[5];
                    break;
                case 's':
                    sessionName = value;
                    break;
                case 'c':
                    var address = ParseConnection(value);
                    if (current is null) connection = address;
                    else current.ConnectionAddress = address;
                    break;
                case 'm':
                    current = ParseMedia(value);
                    media.Add(current);
                    break;
                case 'a':
                    var colon = value.IndexOf(':');
                    var attribute = colon < 0 ? (value, (string?)null) : (value[..colon], value[(colon + 1)..]);
                    (current?.Attributes ?? attributes).Add(attribute);
                    break;
                default:
                    break; // i, u, e, p, b, t, r, z, k: not needed for audio offer/answer
            }
        }
        if (media.Count == 0) throw new SdpParseException("The session description has no m= line.");
        return new SessionDescription
        {
            OriginUser = originUser, SessionId = sessionId, SessionVersion = sessionVersion, OriginAddress = originAddress,
            SessionName = sessionName, ConnectionAddress = connection, Attributes = attributes, Media = media,
        };
    }

    public override string ToString()
    {
        var builder = new StringBuilder(256);
        builder.Append("v=0\r\n");
        builder.Append("o=").Append(OriginUser).Append(' ').Append(SessionId).Append(' ').Append(SessionVersion)
            .Append(" IN IP4 ").Append(OriginAddress).Append("\r\n");
        builder.Append("s=").Append(SessionName).Append("\r\n");
        if (ConnectionAddress is not null) builder.Append("c=IN IP4 ").Append(ConnectionAddress).Append("\r\n");
        builder.Append("t=0 0\r\n");
        foreach (var (name, value) in Attributes)
            builder.Append("a=").Append(name).Append(value is null ? "" : ":" + value).Append("\r\n");
        foreach (var media in Media) media.Write(builder);
        return builder.ToString();
    }

    private static string ParseConnection(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[0] != "IN" || parts[1] is not ("IP4" or "IP6"))
            throw new SdpParseException($"Connection line 'c={Trim(value)}' is not 'IN IP4 address'.");
        var address = parts[2].Split('/')[0];
        if (!System.Net.IPAddress.TryParse(address, out _) && !System.Text.RegularExpressions.Regex.IsMatch(address, "^[A-Za-z0-9.-]+$"))
            throw new SdpParseException($"Connection address '{Trim(address)}' is not an address.");
        return address;
    }

    private static SdpMedia ParseMedia(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4) throw new SdpParseException($"Media line 'm={Trim(value)}' is not 'media port proto formats'.");
        var portText = parts[1].Split('/')[0];
        if (!int.TryParse(portText, out var port) || port is < 0 or > 65535)
            throw new SdpParseException($"Media line 'm={Trim(value)}' has an invalid port.");
        return new SdpMedia { Media = parts[0], Port = port, Protocol = parts[2], Formats = parts[3..].ToList() };
    }

    private static string Trim(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
