using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Media.Tests.Speech;

/// <summary>
/// Caller speech made with flite's <c>slt</c> voice (a different engine from the bot's espeak-ng), turned into what
/// arrives from a phone: 8 kHz, G.711 mu-law encoded and decoded. Renders are cached per text under the temp folder.
/// </summary>
internal static class FliteVoice
{
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "revovoice-flite-slt");

    /// <summary>The sentence as 16 kHz PCM16.</summary>
    public static short[] Wideband(string text)
    {
        Directory.CreateDirectory(Cache);
        var file = Path.Combine(Cache, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20] + ".wav");
        if (!File.Exists(file))
        {
            var temporary = file + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.wav";
            var start = new ProcessStartInfo("flite") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-voice", "slt", "-t", text, "-o", temporary }) start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("flite did not start");
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"flite failed on '{text}': {process.StandardError.ReadToEnd()}");
            File.Move(temporary, file, overwrite: true);
        }
        var (samples, rate) = WaveFile.Read(file);
        if (rate != 16_000) throw new InvalidDataException($"flite slt wrote {rate} Hz");
        return samples;
    }

    /// <summary>The sentence as the caller's phone sends it: 8 kHz through G.711 mu-law and back.</summary>
    public static short[] Telephone(string text) => ToTelephone(Wideband(text));

    public static short[] ToTelephone(short[] wideband)
    {
        var narrow = new Downsampler16To8().Process(wideband.AsSpan(0, wideband.Length & ~1));
        var encoded = new byte[narrow.Length];
        G711MuLaw.Instance.Encode(narrow, encoded);
        G711MuLaw.Instance.Decode(encoded, narrow);
        return narrow;
    }
}
