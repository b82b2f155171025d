using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Warp;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// One face aligned to the FFHQ 512 template by the similarity that best takes its five landmarks (eyes,
/// nose tip, mouth corners) onto the template's: <see cref="PhotoToCrop"/> maps photo pixels to crop pixels
/// (0..512), <see cref="SourcePerTemplate"/> is the face's scale s (photo pixels per template pixel) that
/// routes it, and <see cref="Rect"/> is the crop square's bounding box in the photo.
/// </summary>
internal sealed record FaceAlignment(AffineMap PhotoToCrop, float SourcePerTemplate, PixelRect Rect)
{
    public const int CropSize = 512;

    /// <summary>The five landmarks of an aligned FFHQ face in a 512 crop (the template GFPGAN, CodeFormer and facexlib use).</summary>
    public static readonly Vector2[] Template =
    [
        new(192.98f, 239.95f), new(318.90f, 240.19f), new(256.63f, 314.02f), new(201.26f, 371.41f), new(313.09f, 371.15f),
    ];

    public AffineMap CropToPhoto => PhotoToCrop.Inverse();

    /// <summary>The alignment of <paramref name="face"/> in a <paramref name="width"/> × <paramref name="height"/> photo; null when the crop misses the photo.</summary>
    public static FaceAlignment? Of(AnalyzedFace face, int width, int height)
    {
        var map = AffineMap.Similarity(face.Landmarks5, Template);
        var back = map.Inverse();
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var corner in new Vector2[] { new(0, 0), new(CropSize, 0), new(0, CropSize), new(CropSize, CropSize) })
        {
            var p = back.Apply(corner);
            minX = MathF.Min(minX, p.X); maxX = MathF.Max(maxX, p.X);
            minY = MathF.Min(minY, p.Y); maxY = MathF.Max(maxY, p.Y);
        }
        int x0 = Math.Max(0, (int)MathF.Floor(minX)), y0 = Math.Max(0, (int)MathF.Floor(minY));
        int x1 = Math.Min(width, (int)MathF.Ceiling(maxX)), y1 = Math.Min(height, (int)MathF.Ceiling(maxY));
        if (x1 <= x0 || y1 <= y0) return null;
        return new FaceAlignment(map, 1f / map.Scale, new PixelRect(x0, y0, x1 - x0, y1 - y0));
    }

    /// <summary>The map from a crop of <paramref name="size"/> pixels (the same square) to photo pixels.</summary>
    public AffineMap CropToPhotoAt(int size)
    {
        float k = CropSize / (float)size;
        return CropToPhoto.After(new AffineMap(k, 0, 0, k, 0, 0));
    }

    /// <summary>The photo resampled into the aligned square at <paramref name="size"/> × <paramref name="size"/> pixels.</summary>
    public PlanarImage Sample(PlanarImage photo, int size) => AffineWarp.Apply(photo, CropToPhotoAt(size), size, size);

    /// <summary>A crop-sized image resampled back over <see cref="Rect"/> of the photo.</summary>
    public PlanarImage ToPhoto(PlanarImage crop) =>
        AffineWarp.Apply(crop, new AffineMap(crop.Width / (float)CropSize, 0, 0, crop.Height / (float)CropSize, 0, 0)
            .After(PhotoToCrop).After(AffineMap.Translation(Rect.X, Rect.Y)), Rect.Width, Rect.Height);
}
