using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RevoVoice.ServiceDefaults;

/// <summary>The names under which RevoVoice's own spans and metrics are published.</summary>
public static class RevoVoiceTelemetry
{
    public const string ActivitySourceName = "RevoVoice";
    public const string MeterName = "RevoVoice";
}
