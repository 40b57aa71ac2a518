using RevoVoice.Write.Tests.Http;

namespace RevoVoice.Write.Tests.Routing;

/// <summary>The write service with its router reactor running.</summary>
public sealed class RouterService : WriteService
{
    protected override bool RouterEnabled => true;
}
