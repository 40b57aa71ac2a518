namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// espeak-ng keeps one engine per process, so every test class that synthesizes shares one <see cref="SpeechEngines"/>
/// and they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SpeechEnginesCollection : ICollectionFixture<SpeechEngines>
{
    public const string Name = "speech engines";
}
