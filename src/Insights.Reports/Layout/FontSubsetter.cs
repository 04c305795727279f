using System.Runtime.InteropServices;

namespace Insights.Reports.Layout;

/// <summary>
/// Cuts a TrueType font down to the characters a report can draw, with HarfBuzz's subsetter (hb-subset)
/// from the libHarfBuzzSharp that SkiaSharp's text stack ships. Why: SkiaSharp's Linux build embeds
/// whole font files in a PDF (~0.37 MB per face, ~0.75 MB per report for two pages of text); a subset
/// keeps the same glyph shapes and advances, so the layout is unchanged.
/// </summary>
internal static partial class FontSubsetter
{
    private const string HarfBuzz = "libHarfBuzzSharp";
    private const int MemoryModeDuplicate = 0;

    public static byte[] Subset(byte[] font, IEnumerable<int> codepoints)
    {
        var pinned = GCHandle.Alloc(font, GCHandleType.Pinned);
        IntPtr blob = 0, face = 0, input = 0, subset = 0, subsetBlob = 0;
        try
        {
            blob = hb_blob_create(pinned.AddrOfPinnedObject(), (uint)font.Length, MemoryModeDuplicate, 0, 0);
            face = hb_face_create(blob, 0);
            input = hb_subset_input_create_or_fail();
            if (input == 0)
            {
                throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
            }

            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codepoint in codepoints)
            {
                hb_set_add(unicodes, (uint)codepoint);
            }

            subset = hb_subset_or_fail(face, input);
            if (subset == 0)
            {
                throw new InvalidOperationException("HarfBuzz could not subset the report font.");
            }

            subsetBlob = hb_face_reference_blob(subset);
            var data = hb_blob_get_data(subsetBlob, out var length);
            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            if (subsetBlob != 0)
            {
                hb_blob_destroy(subsetBlob);
            }

            if (subset != 0)
            {
                hb_face_destroy(subset);
            }

            if (input != 0)
            {
                hb_subset_input_destroy(input);
            }

            if (face != 0)
            {
                hb_face_destroy(face);
            }

            if (blob != 0)
            {
                hb_blob_destroy(blob);
            }

            pinned.Free();
        }
    }

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_blob_create(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_face_create(IntPtr blob, uint index);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(HarfBuzz)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(HarfBuzz)]
    private static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(HarfBuzz)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
}
