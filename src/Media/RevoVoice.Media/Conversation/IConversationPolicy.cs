namespace RevoVoice.Media.Conversation;

/// <summary>
/// Decides what the bot says: once when the call is answered, then after every caller turn. One instance per call,
/// so it may keep the dialogue's state. The simple <see cref="ReadBackResponder"/> stands here until the dialogue
/// manager plugs into the same seam.
/// </summary>
public interface IConversationPolicy
{
    ValueTask<ConversationReply> GreetAsync(ConversationContext context, CancellationToken cancellationToken);

    ValueTask<ConversationReply> RespondAsync(ConversationContext context, ConversationTurn turn, CancellationToken cancellationToken);
}
