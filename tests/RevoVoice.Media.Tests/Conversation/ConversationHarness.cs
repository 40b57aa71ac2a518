using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RevoVoice.Media.Conversation;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Vad;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>A conversation session on a <see cref="TestCall"/> with the real engines, running until disposed.</summary>
internal sealed class ConversationHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task run;

    public ConversationHarness(SpeechEngines engines, ResponderOptions responder, TimeSpan senderTick, ConversationOptions? options = null)
    {
        Call = new TestCall(senderTick);
        Policy = new RecordingPolicy(new ReadBackResponder(Options.Create(responder)));
        var session = new ConversationSession(Call.Call, Policy, engines.Recognizer, engines.Synthesizer, engines.Vad, Reporter,
            options ?? new ConversationOptions(), new VadOptions.SegmentationSettings(), VoicePersona.Default, TimeProvider.System,
            NullLogger.Instance);
        run = Task.Run(() => session.RunAsync(stop.Token));
    }

    public TestCall Call { get; }

    public RecordingPolicy Policy { get; }

    public RecordingCallReporter Reporter { get; } = new();

    public Task Completion => run;

    public async ValueTask DisposeAsync()
    {
        Call.EndInput();
        await stop.CancelAsync();
        await run;
        await Call.DisposeAsync();
        stop.Dispose();
    }
}
