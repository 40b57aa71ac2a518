using System.Security.Cryptography;
using System.Text;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>Turns a list of expected phrases into a JSGF grammar the decoder compiles into a finite-state search.</summary>
internal static class JsgfGrammarBuilder
{
    public sealed record CompiledGrammar(string SearchName, string Jsgf);

    public static CompiledGrammar Build(SpeechGrammar grammar, PronunciationDictionary dictionary)
    {
        var alternatives = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var phrase in grammar.Phrases)
        {
            var words = Normalize(phrase);
            if (words.Count == 0) continue;
            foreach (var word in words)
                if (!dictionary.Contains(word)) unknown.Add(word);
            alternatives.Add(string.Join(' ', words));
        }
        if (unknown.Count > 0)
            throw new SpeechGrammarException(grammar.Name, $"words not in the pronunciation dictionary: {string.Join(", ", unknown)}", [.. unknown]);
        if (alternatives.Count == 0)
            throw new SpeechGrammarException(grammar.Name, "no phrases", []);

        var jsgf = new StringBuilder("#JSGF V1.0;\ngrammar domain;\npublic <phrase> = ");
        jsgf.AppendJoin("\n  | ", alternatives.Select(a => $"( {a} )")).Append(";\n");
        var text = jsgf.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return new CompiledGrammar($"jsgf-{hash}", text);
    }

    /// <summary>Lower-case words of letters and apostrophes, the spelling of the CMU dictionary.</summary>
    public static IReadOnlyList<string> Normalize(string phrase)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in phrase)
        {
            if (char.IsLetter(c) || (c == '\'' && current.Length > 0)) current.Append(char.ToLowerInvariant(c));
            else if (char.IsDigit(c)) current.Append(c);
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length == 0) return;
            words.Add(current.ToString().Trim('\''));
            current.Clear();
        }
    }
}
