using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The yardstick of the de-wrinkle: the person's height in photo pixels (Hp). Every scale (texture, folds,
/// base, feather) is a share of it, so the same garment gives the same result at any resolution.
/// </summary>
public static class PersonScale
{
    /// <summary>A standing adult is about eight face-detector boxes tall (the box spans brow to chin, a little under a head).</summary>
    public const float HeightsPerFace = 8f;

    /// <summary>
    /// From the faces (median box height x 8) when there are any; otherwise from the mask: a garment covers
    /// about half a person's height, so twice the mask's height (at least a quarter of the photo's height).
    /// </summary>
    public static float PersonHeight(PortraitAnalysis? analysis, int maskHeight, int imageHeight)
    {
        if (analysis is { HasFaces: true })
        {
            var heights = analysis.Faces.Select(f => f.Box.Height).Order().ToArray();
            return HeightsPerFace * heights[heights.Length / 2];
        }
        return MathF.Max(2f * maskHeight, 0.25f * imageHeight);
    }
}
