namespace RevoVoice.Contracts;

/// <summary>The stream each aggregate lives in; the category is the text before the first <c>-</c>.</summary>
public static class StreamNames
{
    public const string CallCategory = "call";
    public const string CustomerCategory = "customer";
    public const string AgentCategory = "agent";
    public const string PhoneReservationCategory = "customerphone";

    public static string Call(Guid callId) => $"{CallCategory}-{callId:N}";
    public static string Customer(Guid customerId) => $"{CustomerCategory}-{customerId:N}";
    public static string Agent(Guid agentId) => $"{AgentCategory}-{agentId:N}";

    /// <summary>The reservation stream of a phone number, named by a hash so the number itself never appears in a stream name.</summary>
    public static string PhoneReservation(string phoneNumberHash) => $"{PhoneReservationCategory}-{phoneNumberHash}";
}
