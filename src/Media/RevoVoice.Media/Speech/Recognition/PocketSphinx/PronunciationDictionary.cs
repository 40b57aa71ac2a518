namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>The words the decoder can pronounce, read once from the CMU dictionary, to reject grammars up front.</summary>
internal sealed class PronunciationDictionary
{
    private readonly HashSet<string> words;

    private PronunciationDictionary(HashSet<string> words) => this.words = words;

    public static PronunciationDictionary Load(string path)
    {
        if (!File.Exists(path))
            throw new SpeechEngineException($"pronunciation dictionary not found: {path}");
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var end = line.IndexOf(' ');
            if (end <= 0) continue;
            // Alternate pronunciations are listed as "word(2)".
            var variant = line.IndexOf('(', 0, end);
            words.Add(line[..(variant > 0 ? variant : end)]);
        }
        return new PronunciationDictionary(words);
    }

    public bool Contains(string word) => words.Contains(word);
}
