namespace RevoVoice.Media.Calls;

public static class CallApplicationsRegistration
{
    /// <summary>Binds <c>RevoVoice:Media</c> and the selector that creates the configured application per call.</summary>
    public static IServiceCollection AddCallApplications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.Section));
        services.AddSingleton<CallApplicationSelector>();
        return services;
    }
}
