namespace RevoVoice.EventStore;

/// <summary>
/// Narrows a <c>$all</c> subscription to stream categories (the text before the first '-', e.g. <c>call</c>) and/or
/// stored event type names. Empty lists mean "any". Both given: an event must match both.
/// </summary>
public sealed record SubscriptionFilter(IReadOnlyList<string> Categories, IReadOnlyList<string> EventTypes)
{
    /// <summary>Events of streams in these categories.</summary>
    public static SubscriptionFilter ForCategories(params string[] categories) => new(categories, []);

    /// <summary>Events with these stored type names (e.g. <c>call-queued.v1</c>).</summary>
    public static SubscriptionFilter ForEventTypes(params string[] eventTypes) => new([], eventTypes);
}
