namespace RevoVoice.Telephony.Sip.Transactions;

/// <summary>RFC 3261 timer values (17.1.1.1, table 4). Tests may shorten them; production keeps the defaults.</summary>
public sealed record SipTimers(TimeSpan T1, TimeSpan T2, TimeSpan T4)
{
    public static readonly SipTimers Default = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));

    /// <summary>64*T1: Timers B, F, H, J and the 2xx retransmission limit.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D for unreliable transports (at least 32 s).</summary>
    public TimeSpan TimerD => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(32).Ticks, TransactionTimeout.Ticks / 2));
}
