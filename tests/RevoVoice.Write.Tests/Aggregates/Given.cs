using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Aggregates;

/// <summary>Given-when-then for aggregates: fold the given events, run a decision, look at the events or the refusal.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static T History<T>(Guid id, params object[] events) where T : IAggregate<T> =>
        events.Aggregate(T.Empty(id), (state, e) => state.Apply(e));
}
