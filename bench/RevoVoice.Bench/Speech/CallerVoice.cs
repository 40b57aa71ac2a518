using System.Diagnostics;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Bench.Speech;

/// <summary>Caller sentences spoken by flite's slt voice, as a phone sends them: 8 kHz through G.711 mu-law.</summary>
internal static class CallerVoice
{
    public static readonly string[] Sentences =
    [
        "i want to check my account balance", "my card has been stolen", "i would like to speak to an agent",
        "i want to pay my bill", "can you help me reset my password", "i was charged twice this month",
        "my internet is not working", "i want to book an appointment", "i never received my order",
        "please update my phone number", "i would like a refund", "what is the status of my claim",
    ];

    public static short[] Telephone(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"revovoice-bench-{Guid.NewGuid():N}.wav");
        try
        {
            var start = new ProcessStartInfo("flite") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-voice", "slt", "-t", text, "-o", file }) start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("flite did not start");
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"flite failed: {process.StandardError.ReadToEnd()}");
            var (samples, rate) = ReadWave(file);
            if (rate != 16_000) throw new InvalidDataException($"flite wrote {rate} Hz");
            var narrow = new Downsampler16To8().Process(samples.AsSpan(0, samples.Length & ~1));
            var encoded = new byte[narrow.Length];
            G711MuLaw.Instance.Encode(narrow, encoded);
            G711MuLaw.Instance.Decode(encoded, narrow);
            return narrow;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (short[] Samples, int Rate) ReadWave(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 12;
        var rate = 0;
        while (position + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            var size = BitConverter.ToInt32(bytes, position + 4);
            if (id == "fmt ") rate = BitConverter.ToInt32(bytes, position + 12);
            if (id == "data")
            {
                var samples = new short[Math.Min(size, bytes.Length - position - 8) / 2];
                Buffer.BlockCopy(bytes, position + 8, samples, 0, samples.Length * 2);
                return (samples, rate);
            }
            position += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"no data chunk in {path}");
    }
}
