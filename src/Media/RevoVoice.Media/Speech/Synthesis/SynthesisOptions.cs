namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>Configuration section <c>RevoVoice:Speech:Synthesis</c>: personas by name and the prompt cache size.</summary>
public sealed class SynthesisOptions
{
    public const string Section = "RevoVoice:Speech:Synthesis";

    public string DefaultPersona { get; set; } = "default";

    public Dictionary<string, PersonaSettings> Personas { get; set; } = [];

    /// <summary>Rendered fixed prompts kept in memory (a 3 s prompt is ~48 KB).</summary>
    public int PromptCacheEntries { get; set; } = 256;

    public VoicePersona Persona(string? name)
    {
        name ??= DefaultPersona;
        return Personas.TryGetValue(name, out var p) ? new VoicePersona(name, p.Voice, p.WordsPerMinute, p.Pitch)
            : name == DefaultPersona ? VoicePersona.Default with { Name = name }
            : throw new ArgumentException($"unknown voice persona '{name}'; configured: {string.Join(", ", Personas.Keys)}", nameof(name));
    }

    public sealed class PersonaSettings
    {
        public string Voice { get; set; } = "en-us";
        public int WordsPerMinute { get; set; } = 175;
        public int Pitch { get; set; } = 50;
    }
}
