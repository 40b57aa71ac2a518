using Microsoft.Extensions.Options;
using RevoVoice.Media.Calls;
using RevoVoice.Media.Reporting;
using RevoVoice.Media.Speech.Recognition;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Vad;

namespace RevoVoice.Media.Conversation;

/// <summary>The <c>conversation</c> call application: the bot greets, listens, and answers through <see cref="IConversationPolicy"/>.</summary>
public sealed class ConversationApplication(
    IConversationPolicy policy,
    ISpeechRecognizer recognizer,
    ISpeechSynthesizer synthesizer,
    IVoiceActivityDetectorFactory vadFactory,
    ICallReporter reporter,
    IOptions<ConversationOptions> options,
    IOptions<VadOptions> vadOptions,
    IOptions<SynthesisOptions> synthesisOptions,
    TimeProvider time,
    ILogger<ConversationApplication> logger) : ICallApplication
{
    public Task RunAsync(MediaCall call, CancellationToken cancellationToken) =>
        new ConversationSession(call, policy, recognizer, synthesizer, vadFactory, reporter, options.Value, vadOptions.Value.Vad,
            synthesisOptions.Value.Persona(options.Value.Persona), time, logger).RunAsync(cancellationToken);
}
