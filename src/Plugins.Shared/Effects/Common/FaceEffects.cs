using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A face analysis function (tests: hand-placed faces); hosts wrap one in a
/// <see cref="Analysis.DelegateAnalysisProvider"/>.
/// </summary>
public delegate PortraitAnalysis PortraitAnalyze(PlanarImage image, CancellationToken cancellation);

/// <summary>What the face effects share: the "no face" message and the yardstick every size is measured in.</summary>
public static class FaceEffects
{
    /// <summary>The message of every effect that found no face (the photo comes back unchanged).</summary>
    public const string NoFaces = NoFace + ": the photo is returned unchanged";

    /// <summary>The short form hosts print before saying what they wrote.</summary>
    public const string NoFace = "no face found";

    /// <summary>The median face width, the yardstick for every size in the skin effects.</summary>
    public static float TypicalFaceWidth(PortraitAnalysis analysis)
    {
        var widths = analysis.Faces.Select(f => f.Box.Width).Order().ToArray();
        return widths.Length == 0 ? MathF.Max(analysis.Width, analysis.Height) / 4f : widths[widths.Length / 2];
    }

    /// <summary>The analysis of an RGB image, checked against its size.</summary>
    public static PortraitAnalysis Check(EffectInput input, EffectDescriptor effect)
    {
        var analysis = input.RequireAnalysis(effect);
        if (input.Image.Channels < 3) throw new ArgumentException($"{effect.Label} needs an RGB image");
        return analysis;
    }
}
