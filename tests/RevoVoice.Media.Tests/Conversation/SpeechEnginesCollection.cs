namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// espeak-ng keeps one engine per process, so every test class that synthesizes shares one <see cref="SpeechEngines"/>
/// and they run one after another. They also run apart from the other collections: their latency, real-time and
/// process-wide handle measurements must not count the SIP tests' sockets, pipes and CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SpeechEnginesCollection : ICollectionFixture<SpeechEngines>
{
    public const string Name = "speech engines";
}
