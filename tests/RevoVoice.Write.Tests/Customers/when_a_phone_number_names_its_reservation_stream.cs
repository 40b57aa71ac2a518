using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using RevoVoice.Contracts;
using RevoVoice.Write.Customers;

namespace RevoVoice.Write.Tests.Customers;

public sealed class when_a_phone_number_names_its_reservation_stream
{
    private const string Number = "+441632960123";

    private static PhoneReservations With(string? key) =>
        new(new ConfigurationBuilder().AddInMemoryCollection([new(PhoneReservations.KeySetting, key)]).Build());

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    [Fact]
    public void the_name_is_stable_under_one_key_and_shows_nothing_of_the_number()
    {
        var reservations = With(RandomKey());
        var stream = reservations.StreamFor(Number);
        reservations.StreamFor(Number).Should().Be(stream);
        stream.Should().StartWith(StreamNames.PhoneReservationCategory + "-").And.NotContain("1632960123");
        reservations.StreamFor("+441632960124").Should().NotBe(stream);
    }

    [Fact]
    public void without_the_key_the_name_cannot_be_found_by_hashing_candidate_numbers()
    {
        var stream = With(RandomKey()).StreamFor(Number);
        stream.Should().NotBe(With(RandomKey()).StreamFor(Number), "another key names another stream");
        var unkeyed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Number)));
        stream.Should().NotContain(unkeyed);
    }

    [Fact]
    public void a_missing_or_short_key_stops_the_service_from_starting()
    {
        FluentActions.Invoking(() => With(null)).Should().Throw<InvalidOperationException>().WithMessage("*RevoVoice__Customers__PhoneHashKey*");
        FluentActions.Invoking(() => With("short")).Should().Throw<InvalidOperationException>().WithMessage("*at least 32 bytes*");
    }
}
