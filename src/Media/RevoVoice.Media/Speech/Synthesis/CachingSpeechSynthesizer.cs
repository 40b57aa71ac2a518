using System.Runtime.CompilerServices;

namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>
/// Keeps fixed prompts (<see cref="SpeechRequest.IsFixedPrompt"/>) rendered, so a greeting or a menu starts playing
/// without touching the engine; everything else passes straight through. Least recently used prompts are evicted.
/// </summary>
public sealed class CachingSpeechSynthesizer(ISpeechSynthesizer inner, int capacity) : ISpeechSynthesizer
{
    private readonly Lock gate = new();
    private readonly Dictionary<(VoicePersona, string), LinkedListNode<(VoicePersona Persona, string Text, SpeechFrame[] Frames)>> index = [];
    private readonly LinkedList<(VoicePersona Persona, string Text, SpeechFrame[] Frames)> recency = [];

    public int Count { get { lock (gate) return index.Count; } }

    public async IAsyncEnumerable<SpeechFrame> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!request.IsFixedPrompt || capacity <= 0)
        {
            await foreach (var frame in inner.SynthesizeAsync(request, cancellationToken).ConfigureAwait(false)) yield return frame;
            yield break;
        }
        if (TryGet(request, out var cached))
        {
            foreach (var frame in cached) yield return frame;
            yield break;
        }
        var rendered = new List<SpeechFrame>();
        await foreach (var frame in inner.SynthesizeAsync(request, cancellationToken).ConfigureAwait(false))
        {
            rendered.Add(frame);
            yield return frame;
        }
        Add(request, [.. rendered]);
    }

    private bool TryGet(SpeechRequest request, out SpeechFrame[] frames)
    {
        lock (gate)
        {
            if (index.TryGetValue((request.Persona, request.Text), out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                frames = node.Value.Frames;
                return true;
            }
        }
        frames = [];
        return false;
    }

    private void Add(SpeechRequest request, SpeechFrame[] frames)
    {
        lock (gate)
        {
            if (index.ContainsKey((request.Persona, request.Text))) return;
            index[(request.Persona, request.Text)] = recency.AddFirst((request.Persona, request.Text, frames));
            while (index.Count > capacity)
            {
                var oldest = recency.Last!;
                recency.RemoveLast();
                index.Remove((oldest.Value.Persona, oldest.Value.Text));
            }
        }
    }
}
