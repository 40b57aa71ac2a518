using Microsoft.Extensions.Options;

namespace RevoVoice.Media.Calls;

/// <summary>Creates the configured call application for each answered call.</summary>
public sealed class CallApplicationSelector
{
    private readonly IServiceProvider _services;

    public CallApplicationSelector(IServiceProvider services, IOptions<MediaOptions> options, IEnumerable<CallApplicationName> registered)
    {
        _services = services;
        Name = options.Value.Application;
        var names = registered.Select(r => r.Name).ToList();
        if (!names.Contains(Name, StringComparer.Ordinal))
            throw new InvalidOperationException(
                $"RevoVoice:Media:Application is '{Name}', but the registered call applications are: {string.Join(", ", names)}.");
    }

    /// <summary>The configured application's name.</summary>
    public string Name { get; }

    /// <summary>A new application instance from the call's own scope.</summary>
    public ICallApplication Create(IServiceProvider callScope) => callScope.GetRequiredKeyedService<ICallApplication>(Name);
}
