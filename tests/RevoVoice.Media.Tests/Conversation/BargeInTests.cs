using System.Diagnostics;
using RevoVoice.Media.Conversation;
using RevoVoice.Media.Tests.Speech;
using Xunit.Abstractions;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>The caller talks over a long prompt, in real time, against a sender paced like RTP (one frame per 20 ms).</summary>
[Collection(SpeechEnginesCollection.Name)]
public sealed class BargeInTests(SpeechEngines engines, ITestOutputHelper output)
{
    private const string LongPrompt =
        "Welcome to the contact centre. Please listen carefully, as our menu options have changed. " +
        "For billing questions, say billing. For technical support, say support. For anything else, stay on the line.";

    private static ResponderOptions Responder => new() { Greeting = LongPrompt, ExpectedPhrases = [.. CallCentreSentences.All] };

    [Fact]
    public async Task when_the_caller_speaks_over_the_prompt_playback_stops_within_50ms_and_the_new_utterance_is_answered()
    {
        await using var conversation = new ConversationHarness(engines, Responder, TimeSpan.FromMilliseconds(20));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sentence = "i want to check my account balance";

        await conversation.Call.SayInRealTimeAsync(new short[8000], timeout.Token); // 1 s into the prompt
        conversation.Call.Output.IsPlaying.Should().BeTrue("the prompt is still playing when the caller starts");
        await conversation.Call.SayInRealTimeAsync([.. FliteVoice.Telephone(sentence), .. new short[8000]], timeout.Token);

        var bargeIn = await conversation.Reporter.WaitForAsync<CallerBargedInReport>(1, TimeSpan.FromSeconds(5));
        var firstSilentTick = conversation.Call.Ticks.First(t => t.At >= bargeIn.At && !t.Sent).At;
        var stop = firstSilentTick - bargeIn.At;
        output.WriteLine($"barge-in decided at {bargeIn.AtMs} ms of call time; first silent frame {stop.TotalMilliseconds:0.0} ms after the decision");
        stop.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(50));
        conversation.Call.Output.FlushedFrames.Should().BeGreaterThan(100, "most of the prompt was still queued");

        var turn = await conversation.Policy.NextTurnAsync(TimeSpan.FromSeconds(5));
        turn.Interrupted.Should().BeTrue();
        turn.Text.Should().Be(sentence);
        var answer = await conversation.Reporter.WaitForAsync<BotRespondedReport>(2, TimeSpan.FromSeconds(5));
        answer.Text.Should().Be($"You said: {sentence}.", "after an interruption the bot answers the new utterance");
        output.WriteLine($"answer latency from end of turn to first packet: {answer.LatencyMs} ms");
        answer.LatencyMs.Should().BeLessThan(250);
    }

    [Fact]
    public async Task when_the_caller_says_a_200ms_mhm_the_prompt_goes_on()
    {
        await using var conversation = new ConversationHarness(engines, Responder, TimeSpan.FromMilliseconds(20));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var mhm = Backchannel(TimeSpan.FromMilliseconds(200));

        await conversation.Call.SayInRealTimeAsync(new short[8000], timeout.Token);
        await conversation.Call.SayInRealTimeAsync([.. mhm, .. new short[12000]], timeout.Token);

        conversation.Reporter.Of<CallerBargedInReport>().Should().BeEmpty();
        conversation.Call.Output.FlushedFrames.Should().Be(0);
        conversation.Call.Output.IsPlaying.Should().BeTrue("the prompt is still playing 1.7 s after the backchannel");
        conversation.Policy.TryTakeTurn(out _).Should().BeFalse("a backchannel under the prompt is not a turn");
        var recent = conversation.Call.Ticks.Reverse().Take(50).ToList();
        recent.Should().OnlyContain(t => t.Sent, "the caller kept hearing the prompt");
    }

    /// <summary>flite's "mm hmm" with its leading silence removed, cut to <paramref name="length"/>, at 8 kHz.</summary>
    private static short[] Backchannel(TimeSpan length)
    {
        var narrow = FliteVoice.Telephone("mm hmm");
        var start = Array.FindIndex(narrow, s => Math.Abs((int)s) > 1000);
        start.Should().BeGreaterThanOrEqualTo(0);
        var samples = narrow.AsSpan(start, Math.Min((int)(length.TotalSeconds * 8000), narrow.Length - start)).ToArray();
        Debug.Assert(samples.Length == (int)(length.TotalSeconds * 8000));
        return samples;
    }
}
