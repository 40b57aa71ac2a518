using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RevoVoice.EventStore.Tests.Support;

namespace RevoVoice.EventStore.Tests;

public sealed class PersonalDataCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private const string Event = """
        {"callId":"c-1","text":"caf\u00e9 \"quoted\" \\ line\nbreak","contact":{"phone":"+44 7700 900001","email":null,"age":36},
         "entities":[{"name":"account","value":"12345678"}],"other":{"text":"not personal","contact":{"phone":"not personal"}},
         "list":[{"text":"not personal"}],"note":""}
        """;

    private static readonly string[][] Paths = [["text"], ["contact", "phone"], ["contact", "email"], ["contact", "age"], ["entities"], ["note"]];

    [Fact]
    public void when_personal_fields_are_sealed_only_the_values_at_their_paths_change_and_nulls_stay_null()
    {
        var sealedJson = JsonNode.Parse(PersonalDataCipher.EncryptFields(Encoding.UTF8.GetBytes(Event), Paths, "cust-1", Key))!;

        sealedJson["text"]!.GetValue<string>().Should().StartWith("$pii:v1:s:");
        sealedJson["contact"]!["phone"]!.GetValue<string>().Should().StartWith("$pii:v1:s:");
        sealedJson["contact"]!["age"]!.GetValue<string>().Should().StartWith("$pii:v1:j:", "a number is sealed as JSON");
        sealedJson["entities"]!.GetValue<string>().Should().StartWith("$pii:v1:j:", "an array is sealed whole");
        sealedJson["note"]!.GetValue<string>().Should().StartWith("$pii:v1:s:").And.NotBe("$pii:v1:s:", "an empty string is sealed too");
        sealedJson["contact"]!["email"].Should().BeNull();
        sealedJson["callId"]!.GetValue<string>().Should().Be("c-1");
        sealedJson["other"]!.ToJsonString().Should().Be("""{"text":"not personal","contact":{"phone":"not personal"}}""",
            "a path names properties from the root, not a name anywhere");
        sealedJson["list"]!.ToJsonString().Should().Be("""[{"text":"not personal"}]""");
    }

    [Fact]
    public void when_sealed_fields_are_opened_with_the_key_the_event_reads_as_it_was_written()
    {
        var sealedJson = JsonNode.Parse(PersonalDataCipher.EncryptFields(Encoding.UTF8.GetBytes(Event), Paths, "cust-1", Key));

        PersonalDataCipher.OpenFields(sealedJson, "cust-1", Key).Should().Be(PersonalDataState.Decrypted);

        JsonNode.DeepEquals(sealedJson, JsonNode.Parse(Event)).Should().BeTrue(sealedJson!.ToJsonString());
    }

    [Fact]
    public void when_the_subject_has_no_key_the_fields_are_stored_empty_and_read_as_erased()
    {
        var sealedJson = JsonNode.Parse(PersonalDataCipher.EncryptFields(Encoding.UTF8.GetBytes(Event), Paths, "cust-1", key: null));

        sealedJson!["text"]!.GetValue<string>().Should().Be("$pii:v1:s:");
        PersonalDataCipher.OpenFields(sealedJson, "cust-1", Key).Should().Be(PersonalDataState.Erased);
        sealedJson["text"]!.GetValue<string>().Should().Be(PersonalData.ErasedMarker);
        sealedJson["contact"]!["age"].Should().BeNull("an erased non-string value is left out");
    }

    [Fact]
    public void when_an_event_type_declares_more_personal_paths_than_one_seal_can_track_its_registration_is_refused()
    {
        var paths = Enumerable.Range(0, PersonalDataCipher.MaxPaths + 1).Select(i => $"field{i}").ToArray();

        var register = () => new EventTypeRegistry().Register("call-started.v1", TestJsonContext.Default.CallStarted, new PersonalData(paths));

        register.Should().Throw<ArgumentException>().WithMessage("*more than 64 personal-data paths*");
    }
}
