using System.Text.Json.Serialization;

namespace RevoVoice.EventStore.Tests.Support;

public sealed record CallStarted(string CallId, string CustomerId, string CallerNumber, string Queue);

public sealed record NoteTaken(string CallId, string Text);

/// <summary>Version 2 of an event whose v1 stored a single "name" field.</summary>
public sealed record CustomerRegistered(string CustomerId, string FirstName, string LastName);

public sealed record CustomerProfile(string CustomerId, ContactDetails Contact, int Age);

public sealed record ContactDetails(string Phone, string Email);

public sealed record TortureEvent(int Writer, int Sequence);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CallStarted))]
[JsonSerializable(typeof(NoteTaken))]
[JsonSerializable(typeof(CustomerRegistered))]
[JsonSerializable(typeof(CustomerProfile))]
[JsonSerializable(typeof(TortureEvent))]
public sealed partial class TestJsonContext : JsonSerializerContext;
