using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Routing;
using RevoVoice.Write.Tests.Http;

namespace RevoVoice.Write.Tests.Routing;

public sealed class when_the_router_restarts(RouterService service) : IClassFixture<RouterService>
{
    [Fact]
    public async Task it_saves_its_board_when_it_stops_and_resumes_from_it_instead_of_reading_the_log_again()
    {
        var supervisor = service.Client(RevoVoiceRoles.Supervisor);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        foreach (var agent in new[] { first, second })
        {
            (await supervisor.SendAsync("/agents", new RegisterAgent(Guid.NewGuid(), agent, "Agent", [new AgentSkill("billing", 3)]))).EnsureSuccessStatusCode();
            (await supervisor.SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agent, AgentStatus.Available))).EnsureSuccessStatusCode();
        }
        var head = (await service.Store.ReadAllAsync(Direction.Backwards, LogPosition.End, 1).ToListAsync())[0].Position;
        var router = service.Services.GetServices<IHostedService>().OfType<CallRouter>().Single();
        await WaitUntilAsync(() => router.AppliedPosition >= head, "the router folds the agents' events");
        await service.StopAsync();

        var snapshots = new PostgresSnapshotStore(service.Database, TimeProvider.System);
        var stored = await snapshots.GetAsync(CallRouter.SnapshotName);
        stored.Should().NotBeNull("the router saves its board when it stops");
        stored!.Position.Should().Be(head);
        var board = JsonSerializer.Deserialize(stored.State, RoutingJsonContext.Default.RoutingBoardSnapshot)!;
        var seats = board.Agents.ToDictionary(a => a.AgentId);
        seats.Keys.Should().BeEquivalentTo([first, second]);
        seats[first].Since.Should().BeBefore(seats[second].Since, "the first agent became available first");

        // Rewrite the past in the snapshot only, so the second agent looks idle longest. A router that read the log
        // again would give the next call to the first agent; one that resumed from the snapshot gives it to the second.
        var rewritten = board with { Agents = [seats[first] with { Since = seats[second].Since }, seats[second] with { Since = seats[first].Since }] };
        await snapshots.StoreAsync(CallRouter.SnapshotName, stored.Position, JsonSerializer.Serialize(rewritten, RoutingJsonContext.Default.RoutingBoardSnapshot));
        service.Start();

        var media = service.Client(RevoVoiceRoles.Media);
        var callId = await media.AnswerNewCallAsync("+441632960100");
        (await media.SendAsync("/calls/escalations", new EscalateCall(Guid.NewGuid(), callId, "caller asked for a human"))).EnsureSuccessStatusCode();
        (await media.SendAsync("/calls/queue", new QueueCall(Guid.NewGuid(), callId, "general", ["billing"], 0))).EnsureSuccessStatusCode();

        AgentAssigned? assigned = null;
        await WaitUntilAsync(async () => (assigned = (await service.CallEventsAsync(callId)).Select(e => e.Event).OfType<AgentAssigned>().SingleOrDefault()) is not null,
            "the restarted router assigns the queued call");
        assigned!.AgentId.Should().Be(second, "the restarted router's board came from the snapshot");
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), what);
            await Task.Delay(50);
        }
    }
}
