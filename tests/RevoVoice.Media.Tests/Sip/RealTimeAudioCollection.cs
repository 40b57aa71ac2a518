namespace RevoVoice.Media.Tests.Sip;

/// <summary>
/// Test classes that judge received audio by its correlation with what was sent. They run apart from the other
/// collections (the fuzz flood, parallel sipp calls), which would otherwise starve the media clock on 2 cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeAudioCollection
{
    public const string Name = "real-time audio";
}
