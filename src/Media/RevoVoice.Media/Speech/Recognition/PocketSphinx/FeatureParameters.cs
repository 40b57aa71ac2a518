using System.Security.Cryptography;
using System.Text;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>The acoustic model's feat.params with one setting replaced, written once to a temporary file.</summary>
internal static class FeatureParameters
{
    public static string WithCepstralMeanInit(string acousticModelPath, string cepstralMeanInit)
    {
        var original = Path.Combine(acousticModelPath, "feat.params");
        if (!File.Exists(original)) throw new SpeechEngineException($"the acoustic model has no feat.params: {original}");
        var lines = File.ReadAllLines(original).Where(l => !l.TrimStart().StartsWith("-cmninit", StringComparison.Ordinal)).ToList();
        lines.Add($"-cmninit {cepstralMeanInit}");
        var text = string.Join('\n', lines) + "\n";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original + "\n" + text)))[..16];
        var directory = Path.Combine(Path.GetTempPath(), "revovoice-pocketsphinx");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"feat-{hash}.params");
        if (!File.Exists(path))
        {
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        return path;
    }
}
