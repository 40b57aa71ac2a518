namespace RevoVoice.Write.Commands;

/// <summary>
/// An aggregate folded from its stream: <see cref="Empty"/> is the state before the first event, and
/// <see cref="Apply"/> returns the state after one more event (immutable: <c>this with { ... }</c>).
/// </summary>
public interface IAggregate<TSelf> where TSelf : IAggregate<TSelf>
{
    static abstract TSelf Empty(Guid id);

    /// <summary>False until the stream's first event created it.</summary>
    bool Exists { get; }

    /// <summary>Whose personal data the stream's events hold (the key they are encrypted with), e.g. <c>customer-{id}</c>.</summary>
    string DataSubject { get; }

    TSelf Apply(object @event);
}
