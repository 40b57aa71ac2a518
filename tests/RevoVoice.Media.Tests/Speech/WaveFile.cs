namespace RevoVoice.Media.Tests.Speech;

/// <summary>Reads and writes the mono 16-bit PCM WAV files the speech tools (sox, flite, pocketsphinx) use.</summary>
internal static class WaveFile
{
    public static (short[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 44 || bytes[0] != 'R' || bytes[8] != 'W') throw new InvalidDataException($"not a WAV file: {path}");
        var position = 12;
        var sampleRate = 0;
        while (position + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            var size = BitConverter.ToInt32(bytes, position + 4);
            if (id == "fmt ")
            {
                if (BitConverter.ToInt16(bytes, position + 10) != 1 || BitConverter.ToInt16(bytes, position + 22) != 16)
                    throw new InvalidDataException($"only mono 16-bit PCM is supported: {path}");
                sampleRate = BitConverter.ToInt32(bytes, position + 12);
            }
            else if (id == "data")
            {
                var length = Math.Min(size, bytes.Length - position - 8) / 2;
                var samples = new short[length];
                Buffer.BlockCopy(bytes, position + 8, samples, 0, length * 2);
                return (samples, sampleRate);
            }
            position += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"no data chunk: {path}");
    }

    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples.Length * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var s in samples) writer.Write(s);
    }
}
