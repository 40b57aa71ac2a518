namespace RevoVoice.Telephony.Dtmf;

/// <summary>One key press heard from the peer.</summary>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="Duration">how long the key was held, as the peer reported it.</param>
/// <param name="Source">how it arrived: RFC 4733 telephone-event or SIP INFO.</param>
/// <param name="ReceivedAt">UTC time the press was first seen.</param>
public sealed record DtmfEvent(char Digit, TimeSpan Duration, DtmfSource Source, DateTimeOffset ReceivedAt);
