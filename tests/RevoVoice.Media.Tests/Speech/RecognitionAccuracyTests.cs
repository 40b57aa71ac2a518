using RevoVoice.Media.Speech.Recognition;
using Xunit.Abstractions;

namespace RevoVoice.Media.Tests.Speech;

public sealed class RecognitionAccuracyTests(RecognizerFixture fixture, ITestOutputHelper output) : IClassFixture<RecognizerFixture>
{
    [Theory]
    [InlineData("librivox")]
    [InlineData("cards")]
    public async Task when_real_speech_streams_in_20ms_frames_the_word_error_rate_is_no_worse_than_the_batch_tool(string set)
    {
        var recordings = set == "librivox" ? TestData.Librivox : TestData.Cards;
        int words = 0, streamingErrors = 0, telephoneErrors = 0;
        // The batch tool hears the recordings back to back in one run, while the streaming path runs.
        var batch = BatchRecognizerTool.RecognizeJoinedAsync(recordings.Select(r => r.Path));
        foreach (var recording in recordings)
        {
            var (samples, rate) = WaveFile.Read(recording.Path);
            rate.Should().Be(16_000);
            var streaming = await StreamingRecognition.RecognizeAsync(fixture.Wideband, samples, RecognitionRequest.FreeSpeech);
            // The G.711 path is reported for the short set only, to keep the test quick.
            var telephone = set == "cards"
                ? await StreamingRecognition.RecognizeAsync(fixture.Telephone, StreamingRecognition.ThroughTelephone(samples), RecognitionRequest.FreeSpeech)
                : null;
            words += WordErrorRate.Words(recording.Transcript).Length;
            streamingErrors += WordErrorRate.Errors(recording.Transcript, streaming.Text);
            if (telephone is not null) telephoneErrors += WordErrorRate.Errors(recording.Transcript, telephone.Text);
            output.WriteLine($"ref:       {recording.Transcript}\nstreaming: {streaming.Text} (confidence {streaming.Confidence:0.00})\ntelephone: {telephone?.Text}");
        }
        var batchText = await batch;
        var batchErrors = WordErrorRate.Errors(string.Join(' ', recordings.Select(r => r.Transcript)), batchText);
        output.WriteLine($"batch tool, all recordings: {batchText}");
        double Rate(int errors) => 100.0 * errors / words;
        output.WriteLine($"{set}: {words} words; WER streaming {Rate(streamingErrors):0.0}%, {(set == "cards" ? $"G.711 telephone path {Rate(telephoneErrors):0.0}%, " : "")}batch tool {Rate(batchErrors):0.0}%");
        streamingErrors.Should().BeLessThanOrEqualTo(batchErrors);
    }
}
