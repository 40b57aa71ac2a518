using System.Net;
using System.Net.Http.Json;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Write.Tests.Http;

public sealed class when_a_call_is_started_over_http(WriteService service) : IClassFixture<WriteService>
{
    [Fact]
    public async Task the_call_stream_holds_the_started_event()
    {
        var media = service.Client(RevoVoiceRoles.Media);
        var callId = Guid.NewGuid();

        var response = await media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, "+441632960001", "+441632960999"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json);
        result!.StreamId.Should().Be(StreamNames.Call(callId));
        result.Revision.Should().Be(0);
        var events = await service.Store.ReadStreamAsync(StreamNames.Call(callId), Direction.Forwards, 0).ToListAsync();
        events.Select(e => e.Event).Should().ContainSingle().Which.Should().BeOfType<CallStarted>()
            .Which.CallerNumber.Should().Be("+441632960001");
    }
}
