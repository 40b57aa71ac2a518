using Microsoft.Extensions.DependencyInjection;

namespace RevoVoice.Media.Calls;

/// <summary>Registers call applications under the names <c>RevoVoice:Media:Application</c> selects between.</summary>
public static class CallApplicationRegistration
{
    /// <summary>Makes <typeparamref name="T"/> available as <paramref name="name"/> (a new instance per call).</summary>
    public static IServiceCollection AddCallApplication<T>(this IServiceCollection services, string name)
        where T : class, ICallApplication
    {
        services.AddKeyedTransient<ICallApplication, T>(name);
        services.AddSingleton(new CallApplicationName(name));
        return services;
    }
}
