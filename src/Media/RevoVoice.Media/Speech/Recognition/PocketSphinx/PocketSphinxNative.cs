using System.Runtime.InteropServices;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>
/// The old (0.8 / 5prealpha) pocketsphinx API of Debian's libpocketsphinx3: <c>ps_start_utt(ps)</c>,
/// <c>ps_get_hyp(ps, &amp;score)</c>, <c>ps_seg_iter(ps)</c>; configuration is parsed by sphinxbase.
/// </summary>
internal static partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_args();

    [LibraryImport(SphinxBase)]
    internal static partial IntPtr cmd_ln_parse_r(IntPtr inoutCmdln, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [LibraryImport(SphinxBase)]
    internal static partial int cmd_ln_free_r(IntPtr cmdln);

    [LibraryImport(SphinxBase)]
    internal static partial void err_set_logfp(IntPtr stream);

    [LibraryImport(SphinxBase)]
    internal static partial double logmath_exp(IntPtr logmath, int logbP);

    [LibraryImport(PocketSphinx)]
    internal static partial DecoderHandle ps_init(IntPtr config);

    [LibraryImport(PocketSphinx)]
    internal static partial int ps_free(IntPtr decoder);

    [LibraryImport(PocketSphinx)]
    internal static partial int ps_start_utt(DecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    internal static unsafe partial int ps_process_raw(DecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx)]
    internal static partial int ps_end_utt(DecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_get_hyp(DecoderHandle decoder, out int bestScore);

    [LibraryImport(PocketSphinx)]
    internal static partial int ps_get_prob(DecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_get_logmath(DecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_seg_iter(DecoderHandle decoder);

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_seg_next(IntPtr segment);

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_seg_word(IntPtr segment);

    [LibraryImport(PocketSphinx)]
    internal static partial void ps_seg_frames(IntPtr segment, out int startFrame, out int endFrame);

    [LibraryImport(PocketSphinx)]
    internal static partial int ps_seg_prob(IntPtr segment, out int acousticScore, out int languageScore, out int languageBackoff);

    [LibraryImport(PocketSphinx)]
    internal static partial void ps_seg_free(IntPtr segment);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ps_set_jsgf_string(DecoderHandle decoder, string name, string jsgf);

    [LibraryImport(PocketSphinx, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ps_set_search(DecoderHandle decoder, string name);

    [LibraryImport(PocketSphinx)]
    internal static partial IntPtr ps_get_search(DecoderHandle decoder);
}
