using RevoVoice.Media.Speech.Recognition;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Media.Tests.Speech;

/// <summary>Drives a recognizer the way a call does: 20 ms frames, optionally through the G.711 telephone path.</summary>
internal static class StreamingRecognition
{
    public static async Task<RecognitionResult> RecognizeAsync(ISpeechRecognizer recognizer, short[] samples16k, RecognitionRequest request)
    {
        await using var stream = await recognizer.StartAsync(request, CancellationToken.None);
        for (var offset = 0; offset < samples16k.Length; offset += 320)
            await stream.AcceptAsync(samples16k.AsMemory(offset, Math.Min(320, samples16k.Length - offset)), CancellationToken.None);
        return await stream.CompleteAsync(CancellationToken.None);
    }

    /// <summary>16 kHz audio down to 8 kHz, through mu-law and back, and up to 16 kHz again, as the media path does.</summary>
    public static short[] ThroughTelephone(short[] samples16k)
    {
        var narrow = new Downsampler16To8().Process(samples16k.AsSpan(0, samples16k.Length & ~1));
        var encoded = new byte[narrow.Length];
        G711MuLaw.Instance.Encode(narrow, encoded);
        G711MuLaw.Instance.Decode(encoded, narrow);
        return new Upsampler8To16().Process(narrow);
    }
}
