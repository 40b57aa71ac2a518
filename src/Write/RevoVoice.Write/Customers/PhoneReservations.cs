using System.Security.Cryptography;
using System.Text;
using RevoVoice.Contracts;

namespace RevoVoice.Write.Customers;

/// <summary>
/// Names the stream that reserves a phone number, by a keyed hash (HMAC-SHA256 under
/// <c>RevoVoice:Customers:PhoneHashKey</c>). An unkeyed hash would not hide the number: E.164 has fewer than 10^15
/// numbers, one country's far fewer, so hashing them all recovers the number of a forgotten customer from the name
/// of the stream it once reserved. The key is a secret from configuration, like the JWT signing key.
/// </summary>
public sealed class PhoneReservations
{
    public const string KeySetting = "RevoVoice:Customers:PhoneHashKey";
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    public PhoneReservations(IConfiguration configuration)
    {
        var key = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException(
                $"{KeySetting} is not configured (environment variable RevoVoice__Customers__PhoneHashKey); " +
                "`./revovoice up` generates one under .revovoice/secrets/.");
        _key = Encoding.UTF8.GetBytes(key);
        if (_key.Length < MinimumKeyBytes) throw new InvalidOperationException($"{KeySetting} must be at least {MinimumKeyBytes} bytes long.");
    }

    /// <param name="e164">a number already normalised by <see cref="PhoneNumbers.Normalize"/>.</param>
    public string StreamFor(string e164) =>
        StreamNames.PhoneReservation(Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(e164))));
}
