namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>
/// A sentence to speak in a persona's voice. <paramref name="IsFixedPrompt"/> marks text that recurs verbatim
/// (greetings, menus, apologies), which the prompt cache keeps rendered.
/// </summary>
public sealed record SpeechRequest(string Text, VoicePersona Persona, bool IsFixedPrompt = false);
