using System.Runtime.InteropServices;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>Owns one native <c>ps_decoder_t</c>; freed exactly once, even if the owner forgets to dispose.</summary>
internal sealed class DecoderHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        PocketSphinxNative.ps_free(handle);
        return true;
    }
}
