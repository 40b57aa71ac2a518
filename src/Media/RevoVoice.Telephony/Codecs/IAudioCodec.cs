namespace RevoVoice.Telephony.Codecs;

/// <summary>A narrow-band (8 kHz) codec with one byte per sample, as the G.711 pair is.</summary>
public interface IAudioCodec
{
    /// <summary>The static RTP payload type (RFC 3551): 0 PCMU, 8 PCMA.</summary>
    byte PayloadType { get; }

    /// <summary>The SDP encoding name (<c>PCMU</c>, <c>PCMA</c>).</summary>
    string Name { get; }

    void Encode(ReadOnlySpan<short> pcm, Span<byte> encoded);

    void Decode(ReadOnlySpan<byte> encoded, Span<short> pcm);
}
