using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// The small grid the face-skin colour tests run on (<see cref="FaceSkinExtension"/>, <see cref="FaceSkinGrid"/>):
/// the face about <see cref="FaceSize"/> px, never enlarged, at least 8 px a side. Skin colour and the hairline are
/// plain at that size, and each test costs about a millisecond per face.
/// </summary>
internal static class FaceGrid
{
    public const float FaceSize = 160;

    /// <summary>Grid pixels per photo pixel, and the grid's size, for <paramref name="rect"/> around a face of <paramref name="box"/>.</summary>
    public static (float Scale, int Width, int Height) For(PixelRect rect, PixelBox box)
    {
        float k = MathF.Min(1, FaceSize / MathF.Max(1, box.Size));
        return (k, Math.Max(8, (int)MathF.Round(rect.Width * k)), Math.Max(8, (int)MathF.Round(rect.Height * k)));
    }
}
