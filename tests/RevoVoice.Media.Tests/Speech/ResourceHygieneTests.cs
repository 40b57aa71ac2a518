using RevoVoice.Media.Speech.Recognition;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Tests.Conversation;
using RevoVoice.Telephony.Codecs;
using Xunit.Abstractions;

namespace RevoVoice.Media.Tests.Speech;

[Collection(SpeechEnginesCollection.Name)]
public sealed class ResourceHygieneTests(SpeechEngines engines, ITestOutputHelper output)
{
    /// <summary>
    /// What one call asks of the engines: a VAD stream, a recognition stream with the domain grammar (completed or
    /// abandoned), and a synthesized answer.
    /// </summary>
    private async Task OneCallAsync(short[] caller16k, SpeechGrammar grammar, int i)
    {
        using (var vad = engines.Vad.Create())
            for (var offset = 0; offset + 320 <= caller16k.Length; offset += 320) vad.Process(caller16k.AsSpan(offset, 320));
        await using (var stream = await engines.Recognizer.StartAsync(new RecognitionRequest(grammar), CancellationToken.None))
        {
            await stream.AcceptAsync(caller16k, CancellationToken.None);
            if (i % 2 == 0) await stream.CompleteAsync(CancellationToken.None);
        }
        await foreach (var _ in engines.ESpeak.SynthesizeAsync(new SpeechRequest($"Your ticket is {i}.", VoicePersona.Default), CancellationToken.None)) { }
    }

    [Fact]
    public async Task when_a_thousand_calls_use_the_engines_one_after_another_native_memory_and_handles_do_not_grow()
    {
        var caller = new Upsampler8To16().Process(FliteVoice.Telephone("yes"));
        var grammar = new SpeechGrammar("hygiene", CallCentreSentences.All);
        for (var i = 0; i < 50; i++) await OneCallAsync(caller, grammar, i); // reach the steady state
        var before = ProcessResources.Measure();

        for (var i = 0; i < 1000; i++) await OneCallAsync(caller, grammar, i);
        var after = ProcessResources.Measure();

        output.WriteLine($"before: {before}\nafter:  {after}\ndecoders loaded: {engines.Recognizer.LoadedDecoders}");
        (after.ResidentBytes - before.ResidentBytes).Should().BeLessThan(24L << 20, "1,000 calls must not leak native memory");
        after.OpenFiles.Should().BeLessThanOrEqualTo(before.OpenFiles + 2);
        after.Threads.Should().BeLessThanOrEqualTo(before.Threads + 4);
        engines.Recognizer.LoadedDecoders.Should().BeLessThanOrEqualTo(2, "sequential calls reuse pooled decoders");
    }
}
