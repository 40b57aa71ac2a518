using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Media.Reporting;

public static class CallReportingRegistration
{
    /// <summary>
    /// Registers <see cref="ICallReporter"/> as the background HTTP reporter to Write (<c>RevoVoice:Write</c>), which
    /// signs its own tokens with <c>RevoVoice:Auth:SigningKey</c> (the service does not start without one).
    /// </summary>
    public static IServiceCollection AddCallReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WriteApiOptions>().Bind(configuration.GetSection(WriteApiOptions.Section));
        services.AddSingleton(sp => new WriteApiToken(AuthSettings.From(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(HttpCallReporter.HttpClientName);
        services.AddSingleton<HttpCallReporter>();
        services.AddSingleton<ICallReporter>(sp => sp.GetRequiredService<HttpCallReporter>());
        services.AddHostedService(sp => sp.GetRequiredService<HttpCallReporter>());
        return services;
    }
}
