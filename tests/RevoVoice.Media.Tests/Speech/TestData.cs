using System.Text.RegularExpressions;

namespace RevoVoice.Media.Tests.Speech;

/// <summary>The real human recordings of Debian's pocketsphinx-testdata, with their reference transcripts.</summary>
internal static partial class TestData
{
    public const string Root = "/usr/share/pocketsphinx/test/data";

    public sealed record Recording(string Path, string Transcript);

    public static IReadOnlyList<Recording> Librivox => Load("librivox", "transcription");

    public static IReadOnlyList<Recording> Cards => Load("cards", "cards.transcription");

    public static string CardsGrammarFile => $"{Root}/cards/cards.gram";

    private static List<Recording> Load(string folder, string transcription) =>
        File.ReadLines($"{Root}/{folder}/{transcription}")
            .Select(line => Line().Match(line))
            .Where(m => m.Success)
            .Select(m => new Recording(Resolve(folder, m.Groups[2].Value), m.Groups[1].Value.Trim()))
            .ToList();

    private static string Resolve(string folder, string id) =>
        Directory.GetFiles($"{Root}/{folder}", "*.wav").Single(f => Path.GetFileNameWithoutExtension(f).EndsWith(id, StringComparison.Ordinal));

    [GeneratedRegex(@"^<s>(.*)</s>\s*\((.+)\)\s*$")]
    private static partial Regex Line();
}
