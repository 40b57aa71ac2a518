namespace RevoVoice.Telephony.Codecs;

/// <summary>
/// The table-driven half of ITU-T G.711, shared by both laws: decoding is a 256-entry table, encoding a 64 Ki-entry
/// table indexed by the 16-bit sample, both built once from the law's reference segment algorithm, so each sample
/// costs one lookup.
/// </summary>
public abstract class G711Codec : IAudioCodec
{
    private readonly short[] _decode = new short[256];
    private readonly byte[] _encode = new byte[65536];

    private protected G711Codec(byte payloadType, string name, Func<short, byte> encodeReference, Func<byte, short> decodeReference)
    {
        PayloadType = payloadType;
        Name = name;
        for (var i = 0; i < 256; i++) _decode[i] = decodeReference((byte)i);
        for (var i = 0; i < 65536; i++) _encode[i] = encodeReference((short)(i - 32768));
    }

    public byte PayloadType { get; }

    public string Name { get; }

    public byte Encode(short sample) => _encode[sample + 32768];

    public short Decode(byte code) => _decode[code];

    public void Encode(ReadOnlySpan<short> pcm, Span<byte> encoded)
    {
        if (encoded.Length < pcm.Length) throw new ArgumentException("The output is shorter than the input.", nameof(encoded));
        for (var i = 0; i < pcm.Length; i++) encoded[i] = _encode[pcm[i] + 32768];
    }

    public void Decode(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        if (pcm.Length < encoded.Length) throw new ArgumentException("The output is shorter than the input.", nameof(pcm));
        for (var i = 0; i < encoded.Length; i++) pcm[i] = _decode[encoded[i]];
    }
}
