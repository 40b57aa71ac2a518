using RevoVoice.Contracts.Agents;
using RevoVoice.EventStore;
using RevoVoice.Write.Routing;

namespace RevoVoice.Write.Tests.Routing;

/// <summary>Hands a board events as the router's subscription does: resolved, at increasing positions.</summary>
public sealed class BoardFeed(RoutingBoard board, EventMetadata? metadata = null)
{
    private long _position;

    public void Happened(object @event)
    {
        _position++;
        board.Apply(new ResolvedEvent(new RecordedEvent("test-1", 0, _position, Guid.NewGuid(), "x.v1", "{}", "{}", null, DateTimeOffset.UnixEpoch),
            @event, metadata ?? EventMetadata.Empty, PersonalDataState.None));
    }

    /// <summary>Registers an agent with <paramref name="skills"/>, available since <paramref name="since"/>; returns their id.</summary>
    public Guid AvailableAgent(DateTimeOffset since, params AgentSkill[] skills)
    {
        var id = Guid.NewGuid();
        Happened(new AgentRegistered(id, "agent", skills, since));
        Happened(new AgentStatusChanged(id, AgentStatus.Offline, AgentStatus.Available, null, since));
        return id;
    }
}
