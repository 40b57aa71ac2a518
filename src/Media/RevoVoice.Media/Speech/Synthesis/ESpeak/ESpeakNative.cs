using System.Runtime.InteropServices;

namespace RevoVoice.Media.Speech.Synthesis.ESpeak;

/// <summary>libespeak-ng 1.51 (Debian libespeak-ng1), called as a library: it is GPL-3+, none of its code is copied.</summary>
internal static partial class ESpeakNative
{
    private const string Library = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;
    public const int PositionCharacter = 1;
    public const uint CharsUtf8 = 1;
    public const int ParameterRate = 1;
    public const int ParameterPitch = 3;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public unsafe delegate int SynthCallback(short* wav, int samples, IntPtr events);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int espeak_Initialize(int output, int bufferMilliseconds, string? path, int options);

    [LibraryImport(Library)]
    public static partial void espeak_SetSynthCallback(IntPtr callback);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int espeak_SetVoiceByName(string name);

    [LibraryImport(Library)]
    public static partial int espeak_SetParameter(int parameter, int value, int relative);

    [LibraryImport(Library)]
    public static partial int espeak_Synth(byte[] text, nuint size, uint position, int positionType, uint endPosition, uint flags, IntPtr uniqueIdentifier, IntPtr userData);

    [LibraryImport(Library)]
    public static partial int espeak_Synchronize();

    [LibraryImport(Library)]
    public static partial int espeak_Terminate();
}
