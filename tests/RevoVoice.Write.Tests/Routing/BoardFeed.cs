using RevoVoice.EventStore;
using RevoVoice.Write.Routing;

namespace RevoVoice.Write.Tests.Routing;

/// <summary>Hands boards events as the router's subscription does: resolved, at increasing positions.</summary>
public sealed class BoardFeed(EventMetadata? metadata = null)
{
    private long _position;

    public void Happened(RoutingBoard board, object @event)
    {
        _position++;
        board.Apply(new ResolvedEvent(new RecordedEvent("test-1", 0, _position, Guid.NewGuid(), "x.v1", "{}", "{}", null, DateTimeOffset.UnixEpoch),
            @event, metadata ?? EventMetadata.Empty, PersonalDataState.None));
    }
}
