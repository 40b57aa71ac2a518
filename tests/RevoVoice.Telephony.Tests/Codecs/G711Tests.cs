using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Telephony.Tests.Codecs;

public class G711Tests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(1000, 0xCE)]
    public void when_encoding_mu_law_it_matches_the_itu_reference_values(short sample, int expected) =>
        G711MuLaw.Instance.Encode(sample).Should().Be((byte)expected);

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(1000, 0xFA)]
    public void when_encoding_a_law_it_matches_the_itu_reference_values(short sample, int expected) =>
        G711ALaw.Instance.Encode(sample).Should().Be((byte)expected);

    [Fact]
    public void when_every_code_is_decoded_and_re_encoded_it_round_trips()
    {
        foreach (IAudioCodec codec in new IAudioCodec[] { G711MuLaw.Instance, G711ALaw.Instance })
        {
            for (var code = 0; code < 256; code++)
            {
                if (codec is G711MuLaw && code == 0x7F) continue; // mu-law has two zeros (0xFF, 0x7F); both decode to 0
                var pcm = new short[1];
                var again = new byte[1];
                codec.Decode(new[] { (byte)code }, pcm);
                codec.Encode(pcm, again);
                again[0].Should().Be((byte)code, $"{codec.Name} code {code:X2} decodes to {pcm[0]}");
            }
        }
    }

    [Fact]
    public void when_a_sine_is_coded_the_signal_to_noise_ratio_is_that_of_g711()
    {
        var pcm = Enumerable.Range(0, 8000).Select(i => (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0))).ToArray();
        foreach (IAudioCodec codec in new IAudioCodec[] { G711MuLaw.Instance, G711ALaw.Instance })
        {
            var encoded = new byte[pcm.Length];
            var decoded = new short[pcm.Length];
            codec.Encode(pcm, encoded);
            codec.Decode(encoded, decoded);
            var signal = pcm.Sum(s => (double)s * s);
            var noise = pcm.Zip(decoded).Sum(p => Math.Pow(p.First - p.Second, 2));
            (10 * Math.Log10(signal / noise)).Should().BeGreaterThan(33, codec.Name);
        }
    }
}
