using Microsoft.Extensions.Options;
using RevoVoice.Media.Speech.Recognition.PocketSphinx;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Vad;

namespace RevoVoice.Media.Conversation;

/// <summary>
/// Loads the speech engines before the first call (decoders, the VAD model, espeak-ng) and renders the greeting,
/// so the first caller hears it as quickly as the hundredth. Only when <c>RevoVoice:Media:Application</c> is
/// <c>conversation</c>: the echo and play applications never load a speech engine.
/// </summary>
internal sealed class SpeechWarmUp(
    PocketSphinxRecognizer recognizer,
    IVoiceActivityDetectorFactory vad,
    ISpeechSynthesizer synthesizer,
    IOptions<ResponderOptions> responder,
    IOptions<ConversationOptions> conversation,
    IOptions<SynthesisOptions> synthesis,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<SpeechWarmUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.Equals(configuration["RevoVoice:Media:Application"], "conversation", StringComparison.OrdinalIgnoreCase)) return;
        var started = time.GetTimestamp();
        await Task.Run(() => recognizer.WarmUp(), cancellationToken).ConfigureAwait(false);
        using (var detector = vad.Create()) detector.Process(new short[512]);
        var greeting = new SpeechRequest(responder.Value.Greeting, synthesis.Value.Persona(conversation.Value.Persona), IsFixedPrompt: true);
        await foreach (var _ in synthesizer.SynthesizeAsync(greeting, cancellationToken).ConfigureAwait(false)) { }
        logger.LogInformation("speech engines ready in {Elapsed} ms: {Decoders} decoders, VAD {Vad}",
            (int)time.GetElapsedTime(started).TotalMilliseconds, recognizer.LoadedDecoders, vad.Engine);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
