using RevoVoice.Media.Speech.Recognition;

namespace RevoVoice.Media.Conversation;

/// <summary>
/// What the bot says next. <paramref name="Expect"/> is the grammar of the caller's likely answers (null: the
/// general language model); <paramref name="IsFixedPrompt"/> lets the synthesizer cache the rendered audio;
/// <paramref name="HangUp"/> ends the call once the reply has been played.
/// </summary>
public sealed record ConversationReply(string Text, SpeechGrammar? Expect = null, bool IsFixedPrompt = false, bool HangUp = false);
