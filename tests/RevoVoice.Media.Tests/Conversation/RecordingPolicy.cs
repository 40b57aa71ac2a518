using System.Threading.Channels;
using RevoVoice.Media.Conversation;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>Wraps a policy and hands every caller turn it sees to the test.</summary>
internal sealed class RecordingPolicy(IConversationPolicy inner) : IConversationPolicy
{
    private readonly Channel<ConversationTurn> turns = Channel.CreateUnbounded<ConversationTurn>();

    public ValueTask<ConversationReply> GreetAsync(ConversationContext context, CancellationToken cancellationToken) =>
        inner.GreetAsync(context, cancellationToken);

    public ValueTask<ConversationReply> RespondAsync(ConversationContext context, ConversationTurn turn, CancellationToken cancellationToken)
    {
        turns.Writer.TryWrite(turn);
        return inner.RespondAsync(context, turn, cancellationToken);
    }

    public async Task<ConversationTurn> NextTurnAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            return await turns.Reader.ReadAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no caller turn within {timeout}");
        }
    }

    public bool TryTakeTurn(out ConversationTurn? turn) => turns.Reader.TryRead(out turn);
}
