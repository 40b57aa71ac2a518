using System.Net;
using System.Text.Json;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Write.Tests.Http;

public sealed class when_a_recording_is_reported_over_http(WriteService service) : IClassFixture<WriteService>
{
    private readonly HttpClient _media = service.Client(RevoVoiceRoles.Media);

    [Fact]
    public async Task a_stored_recording_is_appended_to_the_call_after_it_ended()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960004");
        (await _media.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "CallerHungUp"))).EnsureSuccessStatusCode();
        var path = $"/recordings/20261124/{callId}.wav";

        var response = await _media.SendAsync("/calls/recordings", new RecordCallRecording(Guid.NewGuid(), callId, path, 4.5));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var recorded = (await service.CallEventsAsync(callId)).Last();
        recorded.EventType.Should().Be("call-recorded.v1");
        recorded.Event.Should().BeOfType<CallRecorded>().Which.Should().Match<CallRecorded>(e => e.Path == path && e.DurationMs == 4_500);
    }

    [Fact]
    public async Task the_media_reporters_json_body_is_accepted_as_is()
    {
        // The exact shape RevoVoice.Media's RecordingStoredReport posts (web-default camelCase of the contract record).
        var callId = await _media.AnswerNewCallAsync("+441632960004");
        var body = JsonSerializer.Serialize(new RecordCallRecording(Guid.NewGuid(), callId, "/r/a.wav", 1.02), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var response = await _media.PostAsync("/calls/recordings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_unknown_call_is_a_404() =>
        (await Problems.DetailAsync(await _media.SendAsync("/calls/recordings", new RecordCallRecording(Guid.NewGuid(), Guid.NewGuid(), "/r/x.wav", 1)),
            HttpStatusCode.NotFound)).Should().Contain("does not exist");

    [Fact]
    public async Task a_recording_after_the_caller_refused_recording_is_a_409_and_appends_nothing()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960004");
        (await _media.SendAsync("/calls/consents", new RecordCallConsent(Guid.NewGuid(), callId, ConsentKind.Recording, false))).EnsureSuccessStatusCode();

        var detail = await Problems.DetailAsync(await _media.SendAsync("/calls/recordings", new RecordCallRecording(Guid.NewGuid(), callId, "/r/x.wav", 1)),
            HttpStatusCode.Conflict);

        detail.Should().Contain("refused consent");
        (await service.CallEventsAsync(callId)).Should().HaveCount(3);
    }

    [Fact]
    public async Task an_empty_path_and_a_negative_duration_are_a_422_naming_both()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960004");
        var detail = await Problems.DetailAsync(await _media.SendAsync("/calls/recordings", new RecordCallRecording(Guid.NewGuid(), callId, " ", -1)),
            HttpStatusCode.UnprocessableEntity);
        detail.Should().Contain("path").And.Contain("durationSeconds");
        (await service.CallEventsAsync(callId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task only_media_may_report_a_recording() =>
        (await service.Client(RevoVoiceRoles.Agent).SendAsync("/calls/recordings", new RecordCallRecording(Guid.NewGuid(), Guid.NewGuid(), "/r/x.wav", 1)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
}
