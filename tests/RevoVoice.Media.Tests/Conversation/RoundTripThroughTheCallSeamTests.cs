using RevoVoice.Media.Conversation;
using RevoVoice.Media.Tests.Speech;
using Xunit.Abstractions;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// Caller sentences synthesized by flite (slt), sent as 8 kHz G.711 frames into a conversation through the MediaCall
/// seam, recognized with the grammar of the expected phrases.
/// </summary>
[Collection(SpeechEnginesCollection.Name)]
public sealed class RoundTripThroughTheCallSeamTests(SpeechEngines engines, ITestOutputHelper output)
{
    [Fact]
    public async Task when_callers_say_call_centre_sentences_over_g711_at_least_95_percent_are_recognized_exactly()
    {
        var responder = new ResponderOptions { ExpectedPhrases = [.. CallCentreSentences.All], HangUpPhrases = [] };
        // The sender drains faster than real time so the caller's audio can be fed at machine speed.
        await using var conversation = new ConversationHarness(engines, responder, TimeSpan.FromMilliseconds(1));
        var exact = 0;
        foreach (var sentence in CallCentreSentences.All)
        {
            conversation.Call.Silence(TimeSpan.FromMilliseconds(300));
            conversation.Call.Say(FliteVoice.Telephone(sentence));
            conversation.Call.Silence(TimeSpan.FromMilliseconds(700));
            var turn = await conversation.Policy.NextTurnAsync(TimeSpan.FromSeconds(15));
            if (turn.Text == sentence) exact++;
            else output.WriteLine($"said '{sentence}', recognized '{turn.Text}'");
            turn.Confidence.Should().BeInRange(0, 1);
            turn.End.Should().BeGreaterThan(turn.Start);
        }
        var reported = await conversation.Reporter.WaitForAsync<UtteranceRecognizedReport>(exact, TimeSpan.FromSeconds(5));
        output.WriteLine($"{exact}/{CallCentreSentences.All.Count} sentences exactly right ({100.0 * exact / CallCentreSentences.All.Count:0.0}%)");
        (exact / (double)CallCentreSentences.All.Count).Should().BeGreaterThanOrEqualTo(0.95);
        conversation.Reporter.Of<UtteranceRecognizedReport>().Select(r => r.Text).Should().Contain(CallCentreSentences.All[0]);
        reported.StartMs.Should().BeLessThan(reported.EndMs);
    }
}
