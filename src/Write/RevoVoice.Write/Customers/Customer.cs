using System.Collections.Immutable;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Customers;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Customers;

/// <summary>A customer folded from their stream, with the rules of registration, preferences, consent and forgetting.</summary>
public sealed record Customer(
    Guid Id,
    bool Exists,
    bool Forgotten,
    string? PhoneNumber,
    ImmutableDictionary<string, string> Preferences,
    ImmutableDictionary<ConsentKind, bool> Consents,
    ImmutableHashSet<Guid> CallsIdentifiedLate) : IAggregate<Customer>
{
    public static Customer Empty(Guid id) =>
        new(id, false, false, null, ImmutableDictionary<string, string>.Empty, ImmutableDictionary<ConsentKind, bool>.Empty, []);

    public string DataSubject => StreamNames.Customer(Id);

    public Customer Apply(object @event) => @event switch
    {
        // The number is kept for forgetting, which frees its reservation; once forgotten the state holds no personal data.
        CustomerRegistered e => this with { Exists = true, PhoneNumber = PhoneNumbers.Normalize(e.PhoneNumber) ?? PhoneNumber },
        PreferenceSet e => this with { Preferences = Preferences.SetItem(e.Key, e.Value) },
        ConsentChanged e => this with { Consents = Consents.SetItem(e.Consent, e.Granted) },
        CustomerIdentifiedOnCall e => this with { CallsIdentifiedLate = CallsIdentifiedLate.Add(e.CallId) },
        CustomerForgotten => this with { Forgotten = true, PhoneNumber = null },
        _ => this,
    };

    /// <param name="phoneNumber">already normalised to E.164 and reserved for this customer.</param>
    public IReadOnlyList<object> Register(RegisterCustomer command, string phoneNumber, DateTimeOffset now)
    {
        if (Exists) throw new StateConflictException($"Customer {Id} is already registered.");
        return [new CustomerRegistered(Id, command.Name, phoneNumber, now)];
    }

    public IReadOnlyList<object> SetPreference(SetPreference command, DateTimeOffset now)
    {
        RequireNotForgotten();
        return Preferences.TryGetValue(command.Key, out var current) && current == command.Value
            ? []
            : [new PreferenceSet(Id, command.Key, command.Value, now)];
    }

    public IReadOnlyList<object> ChangeConsent(ChangeConsent command, DateTimeOffset now)
    {
        RequireNotForgotten();
        return Consents.TryGetValue(command.Consent, out var current) && current == command.Granted
            ? []
            : [new ConsentChanged(Id, command.Consent, command.Granted, now)];
    }

    /// <summary>Notes a call identified as this customer after it began, whose earlier personal data is under the call's key.</summary>
    public IReadOnlyList<object> IdentifiedOnCall(Guid callId, DateTimeOffset now)
    {
        RequireNotForgotten();
        return CallsIdentifiedLate.Contains(callId) ? [] : [new CustomerIdentifiedOnCall(Id, callId, now)];
    }

    public IReadOnlyList<object> Forget(ForgetCustomer command, DateTimeOffset now)
    {
        if (Forgotten) throw new StateConflictException($"Customer {Id} has already been forgotten.");
        return [new CustomerForgotten(Id, command.Reason, now)];
    }

    private void RequireNotForgotten()
    {
        if (Forgotten) throw new StateConflictException($"Customer {Id} has been forgotten; their record cannot change.");
    }
}
