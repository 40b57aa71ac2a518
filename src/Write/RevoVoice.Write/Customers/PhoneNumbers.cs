using System.Text.RegularExpressions;

namespace RevoVoice.Write.Customers;

/// <summary>Phone numbers as the uniqueness rule sees them: E.164 (<see cref="PhoneReservations"/> names their streams).</summary>
public static partial class PhoneNumbers
{
    /// <summary>The E.164 form (<c>+441632960123</c>) of a number written with spaces, dashes, dots or brackets; null if it is not one.</summary>
    public static string? Normalize(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        var compact = Separators().Replace(number.Trim(), "");
        if (compact.StartsWith("00", StringComparison.Ordinal)) compact = "+" + compact[2..];
        return E164().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"[\s\-\.\(\)]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
