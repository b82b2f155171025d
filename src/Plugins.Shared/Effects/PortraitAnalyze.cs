using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// How an effect gets its <see cref="PortraitAnalysis"/>: the face analyzer, handed in by the host
/// (the effects consume the analysis; they do not own the detector and mesh models).
/// </summary>
public delegate PortraitAnalysis PortraitAnalyze(PlanarImage image, CancellationToken cancellation);

internal static class AnalyzeGuard
{
    public static PortraitAnalysis Run(PortraitAnalyze? analyze, PlanarImage image, CancellationToken cancellation, string effect) =>
        analyze is null
            ? throw new InvalidOperationException($"{effect}: no face analyzer was given; construct the effect with one or pass a PortraitAnalysis to Render")
            : analyze(image, cancellation);

    public static void CheckSize(PlanarImage image, PortraitAnalysis analysis)
    {
        if (image.Width != analysis.Width || image.Height != analysis.Height)
            throw new ArgumentException($"the analysis is for a {analysis.Width}x{analysis.Height} image, the image is {image.Width}x{image.Height}");
        if (image.Channels < 3) throw new ArgumentException("the skin effects need an RGB image");
    }

    public const string NoFaces = "no face found: the photo is returned unchanged";

    /// <summary>The median face width, the yardstick for every size in the skin effects.</summary>
    public static float TypicalFaceWidth(PortraitAnalysis analysis)
    {
        var widths = analysis.Faces.Select(f => f.Box.Width).Order().ToArray();
        return widths.Length == 0 ? MathF.Max(analysis.Width, analysis.Height) / 4f : widths[widths.Length / 2];
    }
}
