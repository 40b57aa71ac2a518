namespace RevoVoice.Media.Conversation;

/// <summary>Configuration section <c>RevoVoice:Conversation:Responder</c> for <see cref="ReadBackResponder"/>.</summary>
public sealed class ResponderOptions
{
    public const string Section = "RevoVoice:Conversation:Responder";

    public string Greeting { get; set; } = "Hello, thank you for calling. How can I help you today?";

    /// <summary>The answer to a recognized turn; <c>{text}</c> is replaced by what was understood.</summary>
    public string ReplyTemplate { get; set; } = "You said: {text}.";

    public string NotUnderstood { get; set; } = "Sorry, I did not catch that. Could you say it again?";

    public string Goodbye { get; set; } = "Thank you for calling. Goodbye.";

    /// <summary>The phrases callers are expected to say; they become the recognition grammar (empty: free speech).</summary>
    public List<string> ExpectedPhrases { get; set; } = [];

    /// <summary>Phrases after which the bot says <see cref="Goodbye"/> and hangs up.</summary>
    public List<string> HangUpPhrases { get; set; } = ["goodbye", "that is all", "bye"];
}
