namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>
/// How the bot sounds: an espeak-ng voice name (e.g. <c>en-us</c>, <c>en+f3</c>, <c>en-gb-x-rp</c>), speaking rate in words per
/// minute (80-450) and base pitch (0-100, 50 is the voice's normal).
/// </summary>
public sealed record VoicePersona(string Name, string Voice = "en-us", int WordsPerMinute = 175, int Pitch = 50)
{
    public static VoicePersona Default { get; } = new("default");
}
