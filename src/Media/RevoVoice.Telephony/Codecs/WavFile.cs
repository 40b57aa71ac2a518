using System.Buffers.Binary;

namespace RevoVoice.Telephony.Codecs;

/// <summary>Reads and writes 16-bit PCM RIFF/WAVE files, the format of test audio, prompts and recordings.</summary>
public static class WavFile
{
    /// <summary>Reads a PCM16 WAV; returns interleaved samples, the sample rate and the channel count.</summary>
    /// <exception cref="InvalidDataException">not a 16-bit PCM WAV.</exception>
    public static (short[] Samples, int SampleRate, int Channels) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(bytes, path);
    }

    /// <summary>Reads a PCM16 WAV and converts it to 8 kHz mono (first channel; 16 kHz is low-pass filtered and halved).</summary>
    /// <exception cref="InvalidDataException">not a 16-bit PCM WAV at 8 or 16 kHz.</exception>
    public static short[] ReadMono8k(string path)
    {
        var (samples, rate, channels) = Read(path);
        var mono = channels == 1 ? samples : Enumerable.Range(0, samples.Length / channels).Select(i => samples[i * channels]).ToArray();
        return rate switch
        {
            8000 => mono,
            16000 => new Downsampler16To8().Process(mono.Length % 2 == 0 ? mono : [.. mono, 0]),
            _ => throw new InvalidDataException($"{path}: {rate} Hz is not supported; use 8 or 16 kHz (e.g. sox in.wav -r 8000 -c 1 -b 16 out.wav)."),
        };
    }

    public static void Write(string path, ReadOnlySpan<short> interleaved, int sampleRate, int channels)
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[44];
        WriteHeader(header, interleaved.Length * 2, sampleRate, channels);
        stream.Write(header);
        var data = new byte[interleaved.Length * 2];
        for (var i = 0; i < interleaved.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), interleaved[i]);
        stream.Write(data);
    }

    /// <summary>Writes the canonical 44-byte header for <paramref name="dataBytes"/> of PCM16.</summary>
    public static void WriteHeader(Span<byte> header, int dataBytes, int sampleRate, int channels)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);
    }

    private static (short[] Samples, int SampleRate, int Channels) Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file.");
        int? rate = null, channels = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + 4)..]);
            var body = offset + 8;
            if (size < 0) break;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= bytes.Length)
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(bytes[body..]);
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes[(body + 2)..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes[(body + 4)..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(bytes[(body + 14)..]);
                // 0xFFFE is WAVE_FORMAT_EXTENSIBLE, which sox writes for some files; its sub-format is still PCM here.
                if ((format != 1 && format != unchecked((short)0xFFFE)) || bits != 16)
                    throw new InvalidDataException($"{path}: only 16-bit PCM is supported (format {format}, {bits} bits).");
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is null || channels is null || channels < 1) throw new InvalidDataException($"{path}: data chunk before fmt chunk.");
                // Streams cut short (or written with an unknown length of 0/-1) still hold readable samples.
                var length = Math.Min(size == 0 ? bytes.Length - body : size, bytes.Length - body) / 2;
                var samples = new short[length];
                for (var i = 0; i < length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(body + 2 * i)..]);
                return (samples, rate.Value, channels.Value);
            }
            offset = body + size + (size & 1);
        }
        throw new InvalidDataException($"{path} has no data chunk.");
    }
}
