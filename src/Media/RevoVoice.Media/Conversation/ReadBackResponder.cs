using Microsoft.Extensions.Options;
using RevoVoice.Media.Speech.Recognition;

namespace RevoVoice.Media.Conversation;

/// <summary>
/// The stand-in policy: greets, reads back what it understood, asks again when it understood nothing, and says
/// goodbye on a closing phrase. Everything it says and listens for comes from configuration.
/// </summary>
public sealed class ReadBackResponder(IOptions<ResponderOptions> options) : IConversationPolicy
{
    private readonly ResponderOptions settings = options.Value;
    private SpeechGrammar? grammar;

    private SpeechGrammar? Grammar => grammar ??= settings.ExpectedPhrases.Count == 0 ? null
        : new SpeechGrammar("responder", [.. settings.ExpectedPhrases, .. settings.HangUpPhrases]);

    public ValueTask<ConversationReply> GreetAsync(ConversationContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ConversationReply(settings.Greeting, Grammar, IsFixedPrompt: true));

    public ValueTask<ConversationReply> RespondAsync(ConversationContext context, ConversationTurn turn, CancellationToken cancellationToken)
    {
        if (turn.IsEmpty)
            return ValueTask.FromResult(new ConversationReply(settings.NotUnderstood, Grammar, IsFixedPrompt: true));
        if (settings.HangUpPhrases.Any(p => string.Equals(p, turn.Text, StringComparison.OrdinalIgnoreCase)))
            return ValueTask.FromResult(new ConversationReply(settings.Goodbye, Grammar, IsFixedPrompt: true, HangUp: true));
        return ValueTask.FromResult(new ConversationReply(settings.ReplyTemplate.Replace("{text}", turn.Text, StringComparison.Ordinal), Grammar));
    }
}
