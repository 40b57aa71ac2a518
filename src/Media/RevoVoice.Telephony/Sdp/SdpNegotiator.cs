using System.Net;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Telephony.Sdp;

/// <summary>
/// SDP offer/answer (RFC 3264) for one audio stream of G.711 (PCMU, PCMA) with optional telephone-event
/// (RFC 4733). We answer with the first offered codec we support, echo the offer's telephone-event payload
/// type, mirror the direction and reject every other m= line with port 0.
/// </summary>
public static class SdpNegotiator
{
    public const byte DefaultTelephoneEventPayloadType = 101;

    private static readonly IAudioCodec[] Supported = [G711MuLaw.Instance, G711ALaw.Instance];

    /// <summary>The offer we make (our UAC): PCMU, PCMA and telephone-event 0-16, 20 ms.</summary>
    public static SessionDescription CreateOffer(IPAddress address, int rtpPort, long sessionId, long version, MediaDirection direction = MediaDirection.SendRecv)
    {
        var media = new SdpMedia
        {
            Media = "audio", Port = rtpPort, Protocol = "RTP/AVP", Formats = ["0", "8", DefaultTelephoneEventPayloadType.ToString()],
            Attributes =
            [
                ("rtpmap", "0 PCMU/8000"), ("rtpmap", "8 PCMA/8000"),
                ("rtpmap", $"{DefaultTelephoneEventPayloadType} telephone-event/8000"), ("fmtp", $"{DefaultTelephoneEventPayloadType} 0-16"),
                ("ptime", "20"), (direction.ToAttribute(), null),
            ],
        };
        return new SessionDescription
        {
            SessionId = sessionId, SessionVersion = version, OriginAddress = address.ToString(), SessionName = "RevoVoice",
            ConnectionAddress = address.ToString(), Media = [media],
        };
    }

    /// <summary>Answers an offer; the answer and what it agreed.</summary>
    /// <exception cref="SdpNegotiationException">no audio stream with a codec we support (488).</exception>
    public static (SessionDescription Answer, NegotiatedMedia Media) Answer(
        SessionDescription offer, IPAddress address, int rtpPort, long sessionId, long version, MediaDirection? localDirection = null)
    {
        NegotiatedMedia? chosen = null;
        var answered = new List<SdpMedia>();
        foreach (var offered in offer.Media)
        {
            var usable = chosen is null && offered.Media == "audio" && offered.Port != 0 && offered.Protocol is "RTP/AVP" or "RTP/AVPF"
                ? Choose(offer, offered)
                : null;
            if (usable is null)
            {
                answered.Add(new SdpMedia { Media = offered.Media, Port = 0, Protocol = offered.Protocol, Formats = [offered.Formats[0]] });
                continue;
            }
            var direction = localDirection is { } wanted ? Combine(wanted, usable.Direction) : usable.Direction;
            chosen = usable with { Direction = direction };
            var formats = new List<string> { usable.PayloadType.ToString() };
            var attributes = new List<(string, string?)> { ("rtpmap", $"{usable.PayloadType} {usable.Codec.Name}/8000") };
            if (usable.TelephoneEventPayloadType is { } te)
            {
                formats.Add(te.ToString());
                attributes.Add(("rtpmap", $"{te} telephone-event/8000"));
                attributes.Add(("fmtp", $"{te} 0-16"));
            }
            attributes.Add(("ptime", "20"));
            attributes.Add((direction.ToAttribute(), null));
            answered.Add(new SdpMedia { Media = "audio", Port = rtpPort, Protocol = offered.Protocol, Formats = formats, Attributes = attributes });
        }
        if (chosen is null)
        {
            var offeredCodecs = offer.Media.Where(m => m.Media == "audio").SelectMany(m => m.Formats.Select(f => m.RtpMap(f)?.Name ?? f));
            throw new SdpNegotiationException($"No common codec: offered {string.Join(", ", offeredCodecs)}; we support PCMU, PCMA.");
        }
        var answer = new SessionDescription
        {
            SessionId = sessionId, SessionVersion = version, OriginAddress = address.ToString(), SessionName = "RevoVoice",
            ConnectionAddress = address.ToString(), Media = answered,
        };
        return (answer, chosen);
    }

    /// <summary>Reads the answer to our offer.</summary>
    /// <exception cref="SdpNegotiationException">the answer accepted no codec we offered.</exception>
    public static NegotiatedMedia ReadAnswer(SessionDescription answer)
    {
        foreach (var media in answer.Media)
        {
            if (media.Media != "audio" || media.Port == 0) continue;
            var chosen = Choose(answer, media);
            if (chosen is not null) return chosen;
        }
        throw new SdpNegotiationException("The answer accepted no audio codec we offered.");
    }

    private static NegotiatedMedia? Choose(SessionDescription description, SdpMedia media)
    {
        IAudioCodec? codec = null;
        byte payloadType = 0;
        byte? telephoneEvent = null;
        foreach (var format in media.Formats)
        {
            if (!byte.TryParse(format, out var pt) || pt > 127) continue;
            var map = media.RtpMap(format);
            if (map is null || map.Value.ClockRate != 8000) continue;
            if (map.Value.Name.Equals("telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                telephoneEvent ??= pt;
                continue;
            }
            if (codec is not null) continue;
            var match = Supported.FirstOrDefault(c => c.Name.Equals(map.Value.Name, StringComparison.OrdinalIgnoreCase));
            if (match is null) continue;
            codec = match;
            payloadType = pt;
        }
        if (codec is null) return null;
        var address = description.AddressOf(media);
        var ptime = int.TryParse(media.Attribute("ptime"), out var p) && p > 0 ? p : 20;
        var peerDirection = description.DirectionOf(media);
        IPEndPoint? remote = null;
        // RFC 2543 put a call on hold with c=0.0.0.0; treat it like sendonly from the peer.
        if (address is not null && IPAddress.TryParse(address, out var ip) && !ip.Equals(IPAddress.Any)) remote = new IPEndPoint(ip, media.Port);
        else if (address is not null && address != "0.0.0.0") remote = ResolveHost(address, media.Port);
        if (remote is null && peerDirection == MediaDirection.SendRecv) peerDirection = MediaDirection.SendOnly;
        return new NegotiatedMedia(codec, payloadType, telephoneEvent, remote, peerDirection.Answer(), ptime);
    }

    private static IPEndPoint? ResolveHost(string host, int port)
    {
        if (host != "localhost") return null;
        return new IPEndPoint(IPAddress.Loopback, port);
    }

    private static MediaDirection Combine(MediaDirection wanted, MediaDirection allowed)
    {
        var send = wanted.CanSend() && allowed.CanSend();
        var receive = wanted.CanReceive() && allowed.CanReceive();
        return (send, receive) switch
        {
            (true, true) => MediaDirection.SendRecv,
            (true, false) => MediaDirection.SendOnly,
            (false, true) => MediaDirection.RecvOnly,
            _ => MediaDirection.Inactive,
        };
    }
}
