namespace RevoVoice.Media.Sip;

public static class SipGatewayRegistration
{
    /// <summary>Binds <c>RevoVoice:Sip</c> and <c>RevoVoice:Rtp</c> and runs the <see cref="SipGateway"/> with the host.</summary>
    public static IServiceCollection AddSipGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SipOptions>().Bind(configuration.GetSection(SipOptions.Section));
        services.AddOptions<RtpOptions>().Bind(configuration.GetSection(RtpOptions.Section));
        services.AddSingleton<SipGateway>();
        services.AddHostedService(sp => sp.GetRequiredService<SipGateway>());
        return services;
    }
}
