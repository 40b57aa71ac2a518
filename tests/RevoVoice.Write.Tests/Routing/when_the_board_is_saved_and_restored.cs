using System.Text.Json;
using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Write.Routing;

namespace RevoVoice.Write.Tests.Routing;

public sealed class when_the_board_is_saved_and_restored
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly EventMetadata Metadata = new("corr-1", "cause-1", "test");
    private readonly RoutingBoard _board;
    private readonly BoardFeed _feed;

    public when_the_board_is_saved_and_restored()
    {
        _board = new RoutingBoard();
        _feed = new BoardFeed(_board, Metadata);
    }

    private static RoutingBoard ThroughJson(RoutingBoard board)
    {
        var json = JsonSerializer.Serialize(board.Snapshot(), RoutingJsonContext.Default.RoutingBoardSnapshot);
        var restored = new RoutingBoard();
        restored.Restore(JsonSerializer.Deserialize(json, RoutingJsonContext.Default.RoutingBoardSnapshot)!);
        return restored;
    }

    private static List<(Guid CallId, Guid AgentId)> Pairs(RoutingBoard board) => [.. board.Match().Select(p => (p.Call.CallId, p.AgentId))];

    [Fact]
    public void the_restored_board_matches_strands_and_forgets_exactly_as_the_original()
    {
        var (senior, junior, stranded, away) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        _feed.Happened(new AgentRegistered(senior, "senior", [new AgentSkill("billing", 5), new AgentSkill("spanish", 2)], Now));
        _feed.Happened(new AgentRegistered(junior, "junior", [new AgentSkill("billing", 1)], Now));
        _feed.Happened(new AgentRegistered(stranded, "stranded", [new AgentSkill("billing", 1)], Now));
        _feed.Happened(new AgentRegistered(away, "away", [new AgentSkill("sales", 1)], Now));
        _feed.Happened(new AgentStatusChanged(junior, AgentStatus.Offline, AgentStatus.Available, null, Now.AddMinutes(-5)));
        _feed.Happened(new AgentStatusChanged(senior, AgentStatus.Offline, AgentStatus.Available, null, Now.AddMinutes(-1)));
        _feed.Happened(new AgentStatusChanged(away, AgentStatus.Offline, AgentStatus.Away, null, Now));
        var (urgent, spanish, taken) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        _feed.Happened(new CallQueued(urgent, "general", ["billing"], 5, Now.AddMinutes(-2)));
        _feed.Happened(new CallQueued(spanish, "general", ["billing", "spanish"], 1, Now.AddMinutes(-3)));
        _feed.Happened(new CallQueued(taken, "general", ["billing"], 0, Now.AddMinutes(-4)));
        _feed.Happened(new AgentStatusChanged(stranded, AgentStatus.Offline, AgentStatus.Busy, taken, Now));
        _feed.Happened(new AgentAssigned(taken, away, Now));

        var restored = ThroughJson(_board);

        Pairs(_board).Should().Equal((urgent, senior));
        Pairs(restored).Should().Equal(Pairs(_board));
        restored.Match()[0].Call.Should().BeEquivalentTo(_board.Match()[0].Call, "position, correlation and skills come back too");
        restored.Stranded().Should().Equal(_board.Stranded()).And.Equal((stranded, taken));
        restored.WaitingCount.Should().Be(2);
        restored.SettledCount.Should().Be(_board.SettledCount);

        // Both go on folding the same events the same way, forgetting included.
        foreach (var feed in new[] { _feed, new BoardFeed(restored, Metadata) })
        {
            feed.Happened(new AgentStatusChanged(stranded, AgentStatus.Busy, AgentStatus.Available, taken, Now.AddHours(2)));
            feed.Happened(new CallEnded(urgent, "caller hung up", 1, Now.AddHours(2)));
        }
        restored.SettledCount.Should().Be(_board.SettledCount).And.Be(1, "the call settled two hours earlier is forgotten");
        Pairs(restored).Should().Equal(Pairs(_board));
    }

    [Fact]
    public void a_snapshot_of_another_version_is_refused()
    {
        var snapshot = _board.Snapshot() with { Version = RoutingBoardSnapshot.CurrentVersion + 1 };
        var restoring = () => new RoutingBoard().Restore(snapshot);
        restoring.Should().Throw<ArgumentException>().WithMessage("*version*");
    }
}
