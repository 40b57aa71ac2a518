using System.Diagnostics;

namespace RevoVoice.Media.Tests.Speech;

/// <summary>Debian's <c>pocketsphinx_continuous -infile</c>, the batch reference the streaming path is compared with.</summary>
internal static class BatchRecognizerTool
{
    /// <summary>
    /// Recognizes several recordings in one run of the tool (one model load), joined with half a second of silence
    /// between them, as pocketsphinx would hear them back to back; returns the hypothesis for all of them.
    /// </summary>
    public static async Task<string> RecognizeJoinedAsync(IEnumerable<string> wavPaths)
    {
        var joined = new List<short>();
        foreach (var path in wavPaths)
        {
            var (samples, rate) = WaveFile.Read(path);
            if (rate != 16_000) throw new InvalidDataException($"{path} is {rate} Hz");
            joined.AddRange(samples);
            joined.AddRange(new short[8_000]);
        }
        var file = Path.Combine(Path.GetTempPath(), $"revovoice-batch-{Guid.NewGuid():N}.wav");
        try
        {
            WaveFile.Write(file, joined.ToArray(), 16_000);
            return await RecognizeAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<string> RecognizeAsync(string wavPath)
    {
        var start = new ProcessStartInfo("pocketsphinx_continuous")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-infile", wavPath, "-logfn", "/dev/null",
                     "-hmm", "/usr/share/pocketsphinx/model/en-us/en-us",
                     "-dict", "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
                     "-lm", "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pocketsphinx_continuous did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pocketsphinx_continuous exited {process.ExitCode} on {wavPath}");
        // It prints one line per speech segment it found.
        return string.Join(' ', output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
