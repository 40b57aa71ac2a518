namespace RevoVoice.Media.Speech.Recognition;

/// <summary>
/// The phrases a dialogue step expects. Engines with search modes (pocketsphinx JSGF) constrain recognition to them;
/// engines without may use them as a bias or ignore them.
/// </summary>
public sealed record SpeechGrammar(string Name, IReadOnlyList<string> Phrases);
