using Microsoft.Extensions.Options;
using RevoVoice.Media.Calls;
using RevoVoice.Media.Speech.Recognition;
using RevoVoice.Media.Speech.Recognition.PocketSphinx;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Synthesis.ESpeak;
using RevoVoice.Media.Conversation;
using RevoVoice.Media.Speech.Vad;

// In the DI namespace, as service registrations usually are, so Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class ConversationRegistration
{
    /// <summary>
    /// The speech engines (pocketsphinx, espeak-ng with a prompt cache, Silero VAD with the energy fallback), the
    /// read-back responder as <see cref="IConversationPolicy"/> (replace that registration to plug in a dialogue
    /// manager) and the <c>conversation</c> call application.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PocketSphinxOptions>().Bind(configuration.GetSection(PocketSphinxOptions.Section));
        services.AddOptions<SynthesisOptions>().Bind(configuration.GetSection(SynthesisOptions.Section));
        services.AddOptions<VadOptions>().Bind(configuration.GetSection(VadOptions.Section))
            .PostConfigure(o => o.SileroModelPath ??= VadOptions.FindSileroModel());
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section));
        services.AddOptions<ResponderOptions>().Bind(configuration.GetSection(ResponderOptions.Section));

        services.AddSingleton<PocketSphinxRecognizer>();
        services.AddSingleton<ISpeechRecognizer>(sp => sp.GetRequiredService<PocketSphinxRecognizer>());
        services.AddSingleton<ESpeakSynthesizer>();
        services.AddSingleton<ISpeechSynthesizer>(sp => new CachingSpeechSynthesizer(
            sp.GetRequiredService<ESpeakSynthesizer>(), sp.GetRequiredService<IOptions<SynthesisOptions>>().Value.PromptCacheEntries));
        services.AddSingleton<IVoiceActivityDetectorFactory, VoiceActivityDetectorFactory>();
        services.AddTransient<IConversationPolicy, ReadBackResponder>();
        services.AddHostedService<SpeechWarmUp>();
        services.AddCallApplication<ConversationApplication>("conversation");
        return services;
    }
}
