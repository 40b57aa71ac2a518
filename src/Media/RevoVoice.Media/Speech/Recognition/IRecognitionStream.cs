namespace RevoVoice.Media.Speech.Recognition;

/// <summary>One utterance being recognized. Disposing it without completing abandons the audio and frees the engine.</summary>
public interface IRecognitionStream : IAsyncDisposable
{
    /// <summary>Feeds audio at <see cref="ISpeechRecognizer.SampleRate"/>; returns a partial result when the hypothesis changed.</summary>
    ValueTask<RecognitionResult?> AcceptAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken);

    /// <summary>Ends the utterance and returns the final result (empty text when nothing was recognized).</summary>
    ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken);
}
