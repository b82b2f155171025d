using System.Buffers.Binary;
using System.Text;
using RetouchPlugins.Shaders.Color;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// The RGB colour space an embedded ICC profile describes, when it is a matrix-shaper profile (ICC.1 §F.3: rXYZ, gXYZ,
/// bXYZ and rTRC, gTRC, bTRC), as every photo working space is: sRGB, Adobe RGB (1998), ProPhoto (ROMM), Display P3.
/// Tone curves may be 'curv' (a gamma or a table) or 'para' (the five function types). The profile was already checked
/// (<see cref="IccProfileCheck"/>) when the photo loaded.
/// </summary>
public static class IccColourSpace
{
    /// <summary>The profile's space, or null with <paramref name="whyNot"/> saying why it cannot be read as one.</summary>
    public static RgbColourSpace? Read(ReadOnlySpan<byte> profile, out string? whyNot)
    {
        whyNot = null;
        if (IccProfileCheck.Problem(profile) is { } problem) { whyNot = problem; return null; }
        var colourSpace = Encoding.ASCII.GetString(profile.Slice(16, 4));
        if (colourSpace != "RGB ") { whyNot = $"a profile for '{colourSpace.Trim()}' data, not RGB"; return null; }
        var pcs = Encoding.ASCII.GetString(profile.Slice(20, 4));
        if (pcs != "XYZ ") { whyNot = "a table-based profile (Lab connection space) rather than primaries and tone curves"; return null; }

        var matrix = new float[9];
        var curves = new ToneCurve[3];
        string[] columns = ["rXYZ", "gXYZ", "bXYZ"], trcs = ["rTRC", "gTRC", "bTRC"];
        static bool TryTag(ReadOnlySpan<byte> profile, string signature, out ReadOnlySpan<byte> data) =>
            IccTags.TryFind(profile, Encoding.ASCII.GetBytes(signature), out data);
        for (int c = 0; c < 3; c++)
        {
            if (!TryTag(profile, columns[c], out var xyz) || xyz.Length < 20 || !xyz[..4].SequenceEqual("XYZ "u8))
            {
                whyNot = $"no '{columns[c]}' primary (a table-based profile)";
                return null;
            }
            for (int r = 0; r < 3; r++) matrix[3 * r + c] = S15Fixed16(xyz.Slice(8 + 4 * r));
            if (!TryTag(profile, trcs[c], out var trc) || Curve(trc) is not { } curve)
            {
                whyNot = $"no tone curve '{trcs[c]}' it can read";
                return null;
            }
            if (!Usable(curve))
            {
                whyNot = $"its tone curve '{trcs[c]}' does not rise from black to white";
                return null;
            }
            curves[c] = curve;
        }
        var space = new RgbColourSpace(IccProfileDescription.Read(profile) ?? "embedded profile", matrix, curves[0], curves[1], curves[2]);
        try { RgbColourSpace.Srgb.LinearTo(space); } // inverts the profile's matrix
        catch (ArgumentException e) { whyNot = e.Message; return null; }
        return space;
    }

    /// <summary>
    /// A curve a photo can be converted through: finite, rising, from about black to about white (a damaged profile that
    /// still passes the structural checks, a gamma of 0, a flat table, is left alone instead of turning pixels to NaN).
    /// </summary>
    private static bool Usable(ToneCurve curve)
    {
        float previous = curve.ToLinear(0);
        if (!float.IsFinite(previous) || previous is < -0.01f or > 0.1f) return false;
        for (int i = 1; i <= 16; i++)
        {
            float x = i / 16f, y = curve.ToLinear(x);
            if (!float.IsFinite(y) || y <= previous || MathF.Abs(curve.ToEncoded(y) - x) > 1e-3f) return false;
            previous = y;
        }
        return previous is > 0.5f and < 2f;
    }

    private static ToneCurve? Curve(ReadOnlySpan<byte> tag)
    {
        if (tag.Length < 12) return null;
        if (tag[..4].SequenceEqual("curv"u8))
        {
            uint n = BinaryPrimitives.ReadUInt32BigEndian(tag.Slice(8));
            if (12 + 2L * n > tag.Length) return null;
            if (n == 0) return ToneCurve.Gamma(1);
            if (n == 1) return ToneCurve.Gamma(BinaryPrimitives.ReadUInt16BigEndian(tag.Slice(12)) / 256f);
            var samples = new float[n];
            for (int i = 0; i < n; i++) samples[i] = BinaryPrimitives.ReadUInt16BigEndian(tag.Slice(12 + 2 * i)) / 65535f;
            return ToneCurve.FromTable(samples);
        }
        if (tag[..4].SequenceEqual("para"u8))
        {
            int type = BinaryPrimitives.ReadUInt16BigEndian(tag.Slice(8));
            int[] counts = [1, 3, 4, 5, 7];
            if (type is < 0 or > 4 || 12 + 4 * counts[type] > tag.Length) return null;
            var p = new float[7];
            for (int i = 0; i < counts[type]; i++) p[i] = S15Fixed16(tag.Slice(12 + 4 * i));
            // ICC.1 Table 68, each type as the general form y = (a x + b)^g + e for x >= d, else c x + f.
            return type switch
            {
                0 => ToneCurve.Gamma(p[0]),
                1 => ToneCurve.FromParameters(p[0], p[1], p[2], 0, p[1] == 0 ? 0 : -p[2] / p[1], 0, 0),
                2 => ToneCurve.FromParameters(p[0], p[1], p[2], 0, p[1] == 0 ? 0 : -p[2] / p[1], p[3], p[3]),
                3 => ToneCurve.FromParameters(p[0], p[1], p[2], p[3], p[4], 0, 0),
                _ => ToneCurve.FromParameters(p[0], p[1], p[2], p[3], p[4], p[5], p[6]),
            };
        }
        return null;
    }

    private static float S15Fixed16(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt32BigEndian(bytes) / 65536f;
}
