using System.Buffers.Binary;
using System.Text;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>
/// Matrix-shaper ICC v2 display profiles written by the tests themselves (no profile file of unknown licence is
/// committed): the primaries as published (D50-adapted XYZ, ICC.1 and the spaces' own specifications) and a gamma.
/// lcms (through libvips) reads them to make the test photos, so the conversion under test is checked against it.
/// </summary>
internal static class TestIccProfiles
{
    /// <summary>ProPhoto RGB (ROMM RGB, ISO 22028-2), gamma 1.8: what Lightroom's "Edit in" hands over by default.</summary>
    public static byte[] ProPhoto() => MatrixShaper("Test ProPhoto RGB",
        [0.7977f, 0.2880f, 0.0000f], [0.1352f, 0.7119f, 0.0001f], [0.0313f, 0.0001f, 0.8249f], 1.8f);

    /// <summary>Adobe RGB (1998), gamma 563/256.</summary>
    public static byte[] AdobeRgb() => MatrixShaper("Test Adobe RGB (1998)",
        [0.6097f, 0.3111f, 0.0195f], [0.2053f, 0.6257f, 0.0609f], [0.1492f, 0.0632f, 0.7446f], 563 / 256f);

    /// <summary>
    /// sample1 (sRGB) converted by lcms (libvips' icc_transform) into <paramref name="profile"/>, as a 16-bit TIFF carrying
    /// it, in <paramref name="folder"/>. From the 8-bit JPEG: lcms' round trip sRGB -> ProPhoto -> sRGB from a 16-bit copy
    /// was off by 0.23 levels on average, ours from the 8-bit conversion by 0.035 (its 16-bit pipeline is the coarser here).
    /// </summary>
    public static string Sample1In(byte[] profile, string folder, string name, (int X, int Y, int W, int H)? crop = null)
    {
        Assert.True(ImageFile.LibvipsStatus.Loaded, ImageFile.LibvipsStatus.Problem);
        var iccPath = Path.Combine(folder, name + ".icc");
        File.WriteAllBytes(iccPath, profile);
        var path = Path.Combine(folder, name + ".tif");
        using var source = NetVips.Image.NewFromFile(TestImages.Photo("sample1.jpg"));
        using var cropped = crop is { } c ? source.Crop(c.X, c.Y, c.W, c.H) : source.Copy();
        using var converted = cropped.IccTransform(iccPath, inputProfile: "srgb", depth: 16, intent: NetVips.Enums.Intent.Relative);
        converted.Tiffsave(path, compression: NetVips.Enums.ForeignTiffCompression.Deflate);
        return path;
    }

    /// <summary>libvips' built-in Display P3 ("sP3C", a compact v4 profile with parametric curves): what iPhones tag their photos with.</summary>
    public static byte[] LibvipsDisplayP3()
    {
        using var source = NetVips.Image.NewFromFile(TestImages.Photo("sample1.jpg")).Crop(0, 0, 16, 16);
        using var tagged = source.IccTransform("p3", inputProfile: "srgb");
        return (byte[])tagged.Get("icc-profile-data");
    }

    /// <summary>A profile whose connection space is Lab (as table-based profiles have), with the same tags otherwise.</summary>
    public static byte[] WithLabConnectionSpace(byte[] profile)
    {
        var copy = (byte[])profile.Clone();
        Encoding.ASCII.GetBytes("Lab ").CopyTo(copy, 20);
        return copy;
    }

    public static byte[] MatrixShaper(string description, float[] red, float[] green, float[] blue, float gamma)
    {
        var tags = new List<(string Signature, byte[] Data)>
        {
            ("desc", Desc(description)),
            ("wtpt", Xyz([0.9642f, 1.0f, 0.8249f])),
            ("rXYZ", Xyz(red)), ("gXYZ", Xyz(green)), ("bXYZ", Xyz(blue)),
            ("rTRC", Curve(gamma)), ("gTRC", Curve(gamma)), ("bTRC", Curve(gamma)),
            ("cprt", Text("No copyright, test data")),
        };
        int tableEnd = 128 + 4 + 12 * tags.Count;
        var body = new MemoryStream();
        var offsets = new List<int>();
        foreach (var (_, data) in tags)
        {
            offsets.Add(tableEnd + (int)body.Length);
            body.Write(data);
            while (body.Length % 4 != 0) body.WriteByte(0);
        }
        var profile = new byte[tableEnd + body.Length];
        var span = profile.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)profile.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 0x02100000);
        Encoding.ASCII.GetBytes("mntrRGB XYZ ").CopyTo(span[12..]);
        Encoding.ASCII.GetBytes("acsp").CopyTo(span[36..]);
        Fixed(span[68..], 0.9642f); Fixed(span[72..], 1.0f); Fixed(span[76..], 0.8249f);
        BinaryPrimitives.WriteUInt32BigEndian(span[128..], (uint)tags.Count);
        for (int i = 0; i < tags.Count; i++)
        {
            var entry = span[(132 + 12 * i)..];
            Encoding.ASCII.GetBytes(tags[i].Signature).CopyTo(entry);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], (uint)offsets[i]);
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)tags[i].Data.Length);
        }
        body.ToArray().CopyTo(profile, tableEnd);
        return profile;
    }

    private static byte[] Xyz(float[] v)
    {
        var data = new byte[20];
        Encoding.ASCII.GetBytes("XYZ ").CopyTo(data, 0);
        for (int i = 0; i < 3; i++) Fixed(data.AsSpan(8 + 4 * i), v[i]);
        return data;
    }

    private static byte[] Curve(float gamma)
    {
        var data = new byte[14];
        Encoding.ASCII.GetBytes("curv").CopyTo(data, 0);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(12), (ushort)MathF.Round(gamma * 256));
        return data;
    }

    private static byte[] Desc(string text)
    {
        // 'desc', reserved, ASCII count (with NUL) and text, then empty Unicode (language, count) and ScriptCode (code, count, 67 bytes).
        var ascii = Encoding.ASCII.GetBytes(text + "\0");
        var data = new byte[12 + ascii.Length + 8 + 3 + 67];
        Encoding.ASCII.GetBytes("desc").CopyTo(data, 0);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), (uint)ascii.Length);
        ascii.CopyTo(data, 12);
        return data;
    }

    private static byte[] Text(string text)
    {
        var ascii = Encoding.ASCII.GetBytes(text + "\0");
        var data = new byte[8 + ascii.Length];
        Encoding.ASCII.GetBytes("text").CopyTo(data, 0);
        ascii.CopyTo(data, 8);
        return data;
    }

    private static void Fixed(Span<byte> at, float v) => BinaryPrimitives.WriteInt32BigEndian(at, (int)MathF.Round(v * 65536));
}
