using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Customers;

namespace RevoVoice.Write.Tests.Aggregates;

public sealed class when_a_customer_is_managed
{
    private static readonly Guid CustomerId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly CustomerRegistered Registered = new(CustomerId, "Grace Hopper", "+441632960123", Now);
    private static readonly CustomerForgotten Forgotten = new(CustomerId, "asked to be forgotten", Now);

    private static Customer CustomerAfter(params object[] events) => Given.History<Customer>(CustomerId, events);

    [Fact]
    public void a_customer_registers_once()
    {
        var register = new RegisterCustomer(Guid.NewGuid(), CustomerId, "Grace Hopper", "+44 1632 960123");
        CustomerAfter().Register(register, "+441632960123", Now).Should().Equal(Registered);
        FluentActions.Invoking(() => CustomerAfter(Registered).Register(register, "+441632960123", Now)).Should().Throw<StateConflictException>();
    }

    [Fact]
    public void the_state_keeps_the_phone_number_until_the_customer_is_forgotten()
    {
        CustomerAfter(Registered).PhoneNumber.Should().Be("+441632960123");
        CustomerAfter(Registered, Forgotten).PhoneNumber.Should().BeNull();
    }

    [Fact]
    public void a_call_identified_late_is_noted_once_and_not_after_forgetting()
    {
        var callId = Guid.NewGuid();
        var noted = new CustomerIdentifiedOnCall(CustomerId, callId, Now);
        CustomerAfter(Registered).IdentifiedOnCall(callId, Now).Should().Equal(noted);
        CustomerAfter(Registered, noted).IdentifiedOnCall(callId, Now).Should().BeEmpty();
        CustomerAfter(Registered, noted, Forgotten).CallsIdentifiedLate.Should().Equal(callId);
        FluentActions.Invoking(() => CustomerAfter(Registered, Forgotten).IdentifiedOnCall(callId, Now)).Should().Throw<StateConflictException>();
    }

    [Fact]
    public void a_preference_is_set_and_setting_it_again_changes_nothing()
    {
        var set = new SetPreference(Guid.NewGuid(), CustomerId, "language", "en-GB");
        var events = CustomerAfter(Registered).SetPreference(set, Now);
        events.Should().Equal(new PreferenceSet(CustomerId, "language", "en-GB", Now));
        CustomerAfter(Registered, events[0]).SetPreference(set, Now).Should().BeEmpty();
    }

    [Fact]
    public void consent_changes_only_when_it_differs()
    {
        var grant = new ChangeConsent(Guid.NewGuid(), CustomerId, ConsentKind.Marketing, true);
        var events = CustomerAfter(Registered).ChangeConsent(grant, Now);
        events.Should().Equal(new ConsentChanged(CustomerId, ConsentKind.Marketing, true, Now));
        CustomerAfter(Registered, events[0]).ChangeConsent(grant, Now).Should().BeEmpty();
        CustomerAfter(Registered, events[0]).ChangeConsent(grant with { Granted = false }, Now).Should().ContainSingle();
    }

    [Fact]
    public void a_forgotten_customer_cannot_change_or_be_forgotten_again()
    {
        CustomerAfter(Registered).Forget(new ForgetCustomer(Guid.NewGuid(), CustomerId, "asked to be forgotten"), Now).Should().Equal(Forgotten);
        var forgotten = CustomerAfter(Registered, Forgotten);
        FluentActions.Invoking(() => forgotten.SetPreference(new SetPreference(Guid.NewGuid(), CustomerId, "language", "fr"), Now))
            .Should().Throw<StateConflictException>().WithMessage("*forgotten*");
        FluentActions.Invoking(() => forgotten.ChangeConsent(new ChangeConsent(Guid.NewGuid(), CustomerId, ConsentKind.Marketing, true), Now))
            .Should().Throw<StateConflictException>();
        FluentActions.Invoking(() => forgotten.Forget(new ForgetCustomer(Guid.NewGuid(), CustomerId, "again"), Now))
            .Should().Throw<StateConflictException>().WithMessage("*already been forgotten*");
    }

    [Fact]
    public void a_phone_number_belongs_to_one_customer()
    {
        var reservation = Given.History<PhoneReservation>(Guid.Empty, new PhoneNumberReserved(CustomerId, Now));
        reservation.Reserve(CustomerId, Now).Should().BeEmpty();
        FluentActions.Invoking(() => reservation.Reserve(Guid.NewGuid(), Now)).Should().Throw<StateConflictException>().WithMessage("*another customer*");
        Given.History<PhoneReservation>(Guid.Empty).Reserve(CustomerId, Now).Should().Equal(new PhoneNumberReserved(CustomerId, Now));
    }

    [Theory]
    [InlineData("+44 1632 960123", "+441632960123")]
    [InlineData("0044 (1632) 960-123", "+441632960123")]
    [InlineData("01632 960123", null)]
    [InlineData("+0123456789", null)]
    [InlineData("not a number", null)]
    public void phone_numbers_are_normalised_to_e164(string written, string? expected) =>
        PhoneNumbers.Normalize(written).Should().Be(expected);
}
