using System.Net;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Telephony.Sdp;

/// <summary>What offer/answer agreed for the audio stream.</summary>
/// <param name="Codec">the codec we send and expect.</param>
/// <param name="PayloadType">its payload type in this session.</param>
/// <param name="TelephoneEventPayloadType">the RFC 4733 payload type, or null when the peer does not do telephone-event.</param>
/// <param name="Remote">where to send RTP (RTCP goes to the next port), or null when the peer holds the call (port 0 / 0.0.0.0).</param>
/// <param name="Direction">our direction: whether we may send and whether we should expect media.</param>
/// <param name="PacketTimeMs">the peer's requested ptime (we always send 20 ms).</param>
public sealed record NegotiatedMedia(
    IAudioCodec Codec, byte PayloadType, byte? TelephoneEventPayloadType, IPEndPoint? Remote, MediaDirection Direction, int PacketTimeMs);
