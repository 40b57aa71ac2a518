namespace RevoVoice.Media.Conversation;

/// <summary>
/// What the caller said in one turn: the recognizer's final text (empty when nothing was understood), its confidence,
/// and where it lies in the call. <paramref name="Interrupted"/> is true when the caller spoke over the bot.
/// </summary>
public sealed record ConversationTurn(Guid UtteranceId, string Text, double Confidence, TimeSpan Start, TimeSpan End, bool Interrupted)
{
    public bool IsEmpty => Text.Length == 0;
}
