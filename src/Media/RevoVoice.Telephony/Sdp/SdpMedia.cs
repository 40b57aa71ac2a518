using System.Text;

namespace RevoVoice.Telephony.Sdp;

/// <summary>One m= section with its c= and a= lines.</summary>
public sealed class SdpMedia
{
    public required string Media { get; init; }

    public required int Port { get; init; }

    public required string Protocol { get; init; }

    /// <summary>The payload types (or format tokens) in preference order.</summary>
    public required List<string> Formats { get; init; }

    /// <summary>The media-level connection address, or null to use the session's.</summary>
    public string? ConnectionAddress { get; set; }

    /// <summary><c>a=</c> lines as (name, value) with value null for flags.</summary>
    public List<(string Name, string? Value)> Attributes { get; init; } = [];

    public MediaDirection? Direction =>
        Attributes.Select(a => a.Value is null ? MediaDirections.FromAttribute(a.Name) : null).FirstOrDefault(d => d is not null);

    public string? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name).Value;

    /// <summary>The a=rtpmap encoding for a payload type: (name, clock rate), or the RFC 3551 static mapping.</summary>
    public (string Name, int ClockRate)? RtpMap(string payloadType)
    {
        foreach (var (name, value) in Attributes)
        {
            if (name != "rtpmap" || value is null) continue;
            var space = value.IndexOf(' ');
            if (space <= 0 || value[..space] != payloadType) continue;
            var encoding = value[(space + 1)..].Split('/');
            if (encoding.Length < 2 || !int.TryParse(encoding[1], out var rate)) return null;
            return (encoding[0], rate);
        }
        return payloadType switch
        {
            "0" => ("PCMU", 8000),
            "8" => ("PCMA", 8000),
            "18" => ("G729", 8000),
            "9" => ("G722", 8000),
            "3" => ("GSM", 8000),
            _ => null,
        };
    }

    internal void Write(StringBuilder builder)
    {
        builder.Append("m=").Append(Media).Append(' ').Append(Port).Append(' ').Append(Protocol);
        foreach (var format in Formats) builder.Append(' ').Append(format);
        builder.Append("\r\n");
        if (ConnectionAddress is not null) builder.Append("c=IN IP4 ").Append(ConnectionAddress).Append("\r\n");
        foreach (var (name, value) in Attributes)
        {
            builder.Append("a=").Append(name);
            if (value is not null) builder.Append(':').Append(value);
            builder.Append("\r\n");
        }
    }
}
