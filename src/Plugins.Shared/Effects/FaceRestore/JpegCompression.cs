using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging.Jpeg;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// What the input file's JPEG compression means for the restore: the IJG-equivalent quality from its quantisation
/// tables, deblocking of the faces' regions along the file's 8×8 grid (threshold: the luma DC step) before the crops
/// are taken, and a noise floor for the classical chain's denoise (the error the lowest AC steps leave). Without a
/// readable JPEG (pixels from a host, another format, a truncated or odd file) nothing of this applies and the chain
/// relies on the noise measured in the pixels; the reason goes in the effect's message.
/// </summary>
internal sealed class JpegCompression
{
    private readonly JpegQuality? _quality;
    private readonly (int X, int Y)? _grid;

    private JpegCompression(JpegQuality? quality, (int X, int Y)? grid, string description)
    {
        _quality = quality;
        _grid = grid;
        Description = description;
    }

    /// <summary>One line for the effect's message: the quality found and what was done with it, or why none was used.</summary>
    public string Description { get; }

    /// <summary>The least σ the classical denoise assumes: the quantisation error of the lowest AC coefficients, else 0.</summary>
    public float NoiseFloor => _quality?.LowFrequencySigma ?? 0;

    public static JpegCompression Of(EffectInput input)
    {
        if (input.SourceFile is not { } path)
            return input.SourceJpeg is { LumaTable: not null } uploaded
                ? FromHeader(uploaded, input.Image, "the uploaded file's")
                : new(null, null, "JPEG quality: no source file (pixels only), noise measured from the pixels");
        var header = JpegHeaderReader.Read(path, out var reason);
        if (header?.LumaTable is null)
        {
            // A file of another format is the normal case; a broken JPEG is worth a note of its own.
            bool looksJpeg = path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase);
            string why = reason ?? "no luma quantisation table";
            return new(null, null, looksJpeg ? $"JPEG quality not read ({why}), noise measured from the pixels" : "not a JPEG, noise measured from the pixels");
        }
        return FromHeader(header, input.Image, "the file's");
    }

    private static JpegCompression FromHeader(JpegHeader header, PlanarImage image, string whose)
    {
        var quality = JpegQuality.Estimate(header);
        var grid = header.BlockGrid(image.Width, image.Height);
        string tables = quality.IjgTables ? "IJG tables" : $"nearest IJG equivalent, tables fit within {quality.FitError:0.00} log";
        string what = grid is null ? "block grid unknown (image not the file's frame), not deblocked" : $"deblocked at step {quality.DcStep * 255:0}/255";
        return new(quality, grid, $"JPEG quality {quality.Quality} from {whose} quantisation tables ({tables}): {what}, denoise σ at least {quality.LowFrequencySigma:0.000}");
    }

    /// <summary>
    /// The photo the crops are sampled from: <paramref name="photo"/> itself, or a copy deblocked over the faces'
    /// crop regions when the file's block grid is known (only the pasted change reaches the output).
    /// </summary>
    public PlanarImage Deblocked(PlanarImage photo, IReadOnlyList<AnalyzedFace> faces)
    {
        if (_quality is null || _grid is not { } grid) return photo;
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var face in faces)
        {
            if (FaceAlignment.Of(face, photo.Width, photo.Height) is not { } aligned) continue;
            var r = aligned.Rect;
            x0 = Math.Min(x0, r.X); y0 = Math.Min(y0, r.Y);
            x1 = Math.Max(x1, r.X + r.Width); y1 = Math.Max(y1, r.Y + r.Height);
        }
        if (x1 <= x0) return photo;
        var copy = photo.Clone();
        // Bilinear sampling reaches one pixel past the rect: deblock a margin around it.
        BlockDeblock.ApplyInPlace(copy, new PixelRect(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4), _quality.DcStep, grid.X, grid.Y);
        return copy;
    }
}
