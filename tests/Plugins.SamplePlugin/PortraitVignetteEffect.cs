using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

[assembly: EffectPlugin(EffectContract.Version)]

namespace SamplePlugin;

/// <summary>
/// A third-party effect: a portrait vignette centred on the faces. Lightness (Oklab L) falls off outside an ellipse
/// around the faces, so the eye goes to them; hue and chroma are kept. The falloff is written as a mask layer.
/// Where the vignette is 0 (inside the ellipse, or strength 0) the pixels are the input's, bit for bit.
/// </summary>
public sealed class PortraitVignetteEffect : IPortraitEffect
{
    public static readonly MaskKind Vignette = new("vignette", "Vignette");

    public EffectDescriptor Descriptor { get; } = new(
        "portrait-vignette", "Portrait Vignette (sample plugin)",
        "Darkens the photo's edges around the faces so the eye goes to them; hue and colour are kept.",
        [
            new EffectParameter("strength", "Strength", ParameterKind.Number, 0.5, 0, 1, "How dark the corners get (0 = none)."),
            new EffectParameter("reach", "Reach", ParameterKind.Number, 1, 0, 4, "How far the clear ellipse reaches beyond the box around the faces, in face widths."),
        ],
        [Vignette], AnalysisNeeds.Faces, ResultLayer: "Vignetted")
    {
        NoOp = [("strength", 0)],
    };

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var analysis = input.RequireAnalysis(Descriptor);
        var image = input.Image;
        var mask = new PlanarImage(image.Width, image.Height, 1);
        if (!analysis.HasFaces) return new EffectResult(image.Clone(), [new NamedMask(Vignette, mask)], "no face found: the photo is returned unchanged");
        float strength = settings.GetFloat("strength"), reach = settings.GetFloat("reach");
        var (cx, cy, rx, ry) = Ellipse(analysis, reach);
        var output = image.Clone();
        Parallel.For(0, image.Height, new ParallelOptions { CancellationToken = cancellation }, y =>
        {
            var m = mask.Row(0, y);
            var r = output.Row(0, y); var g = output.Row(1, y); var b = output.Row(2, y);
            for (int x = 0; x < image.Width; x++)
            {
                float d = Distance(x + 0.5f, y + 0.5f);
                if (d <= 1 || strength == 0) continue;
                float t = MathF.Min((d - 1) * 2, 1); // full strength half an ellipse radius beyond the ellipse
                m[x] = strength * t * t * (3 - 2 * t); // smoothstep: no visible edge where the ellipse ends
                var (L, A, B) = Oklab.FromSrgb(r[x], g[x], b[x]);
                (r[x], g[x], b[x]) = Oklab.ToSrgb(L * (1 - 0.7f * m[x]), A * (1 - 0.7f * m[x]), B * (1 - 0.7f * m[x]));
            }
        });
        progress?.Report(1);
        return new EffectResult(output, [new NamedMask(Vignette, mask)]);

        float Distance(float x, float y) => MathF.Sqrt(Sq((x - cx) / rx) + Sq((y - cy) / ry));
    }

    /// <summary>The ellipse through the box around every face, widened by <paramref name="reach"/> median face widths.</summary>
    private static (float Cx, float Cy, float Rx, float Ry) Ellipse(PortraitAnalysis analysis, float reach)
    {
        float left = analysis.Faces.Min(f => f.Box.X), top = analysis.Faces.Min(f => f.Box.Y);
        float right = analysis.Faces.Max(f => f.Box.Right), bottom = analysis.Faces.Max(f => f.Box.Bottom);
        var widths = analysis.Faces.Select(f => f.Box.Width).Order().ToArray();
        float margin = reach * widths[widths.Length / 2];
        return ((left + right) / 2, (top + bottom) / 2, (right - left) / 2 + margin, (bottom - top) / 2 + margin);
    }

    private static float Sq(float v) => v * v;
}
