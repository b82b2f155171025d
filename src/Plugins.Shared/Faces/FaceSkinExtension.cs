using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Face skin beyond the mesh's oval: the mesh stops at mid-forehead and on the jaw line, and a retoucher works up to
/// the hairline, over the chin and jaw, the ears and the neck under the chin. From the mesh skin (the seed) the region
/// grows through pixels of that face's own skin colour (<see cref="SkinColourModel"/>: chroma close, lightness within
/// the face's range, a little darker allowed for shade) that are as smooth as the face's skin (hair is stranded) and on
/// the person, within a zone around the face, features left out. Below the chin it fades out into the neck, and it
/// fades before the edge of the rectangle the effects work in (the face box grown 1.5x), so no change ends in a seam.
/// Works on a small grid (the face about <see cref="FaceGrid.FaceSize"/> px); costs about a millisecond per face.
/// </summary>
internal static class FaceSkinExtension
{
    /// <summary>The rectangle the skin effects work in around a face (<c>SkinRegions.FaceBoxGrowth</c>).</summary>
    private const float EffectRectGrowth = 1.5f;

    /// <summary>Chroma distance (Mahalanobis, a/b) a pixel may have from the face's skin.</summary>
    private const float ChromaTolerance = 2.2f;

    /// <summary>How much darker (Oklab L) than the face's darkest skin still counts (the neck under the chin, the jaw's shade).</summary>
    private const float ShadeAllowance = 0.1f;

    /// <summary>Texture limit as a multiple of the face skin's 90th-percentile texture.</summary>
    private const float TextureTolerance = 1.3f;

    public static void ExtendInto(PlanarImage faceSkin, PlanarImage image, PlanarImage features, PlanarImage? person, FaceMesh mesh, PixelBox box)
    {
        var rect = PixelRect.Around(box.Center.X, box.Center.Y, box.Width, box.Height, EffectRectGrowth, image.Width, image.Height);
        var (k, gw, gh) = FaceGrid.For(rect, box);
        var crop = rect.RgbCrop(image);
        var small = Resampler.Resize(crop, gw, gh);
        var lab = new OklabConverter().Convert(small);
        var seedSkin = Resampler.Resize(faceSkin, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        var feature = Resampler.Resize(features, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        var onPerson = person is null ? null : Resampler.Resize(person, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        var detail = SkinDetail.Measure(crop, gw, gh);
        MaskPlanes.Blur(detail, 1f);

        var seeds = new PlanarImage(gw, gh, 1);
        for (int i = 0; i < seeds.Data.Length; i++)
            seeds.Data[i] = seedSkin.Data[i] >= 0.95f && (onPerson is null || onPerson.Data[i] >= 0.5f) ? 1 : 0;
        var samples = new List<(float L, float A, float B)>();
        var textures = new List<float>();
        int n = gw * gh;
        for (int i = 0; i < n; i++)
            if (seeds.Data[i] > 0) { samples.Add((lab.Data[i], lab.Data[n + i], lab.Data[2 * n + i])); textures.Add(detail.Data[i]); }
        if (SkinColourModel.FitFaceSkin(samples) is not { } model) return;
        textures.Sort();
        float textureLimit = TextureTolerance * MathF.Max(textures[(int)(0.9 * (textures.Count - 1))], 1e-4f);

        var frame = new FaceFrame(mesh, box.Size);
        float height = frame.ChinV - frame.ForeheadV;
        var allowed = new PlanarImage(gw, gh, 1);
        var fade = new PlanarImage(gw, gh, 1);
        float edge = 0.08f * box.Size * k;
        for (int y = 0; y < gh; y++)
            for (int x = 0; x < gw; x++)
            {
                int i = y * gw + x;
                var photo = new Vector2(rect.X + (x + 0.5f) / k, rect.Y + (y + 0.5f) / k);
                var (u, v) = frame.Local(photo);
                // The zone: the ears beside the face, the forehead up to well above the mesh's top, the neck down to half a face under the chin.
                bool zone = MathF.Abs(u) <= 1.45f * frame.HalfWidth && v >= frame.ForeheadV - 0.6f * height && v <= frame.ChinV + 0.5f * height;
                float L = lab.Data[i], a = lab.Data[n + i], b = lab.Data[2 * n + i];
                allowed.Data[i] = zone && feature.Data[i] <= 0 && (onPerson is null || onPerson.Data[i] >= 0.5f)
                    && model.Distance(a, b) <= ChromaTolerance && L >= model.LowL - ShadeAllowance && L <= model.HighL + 0.03f
                    && detail.Data[i] <= textureLimit ? 1 : 0;
                // Into the neck: full under the chin, gone half a face lower; and gone before the effects' rectangle ends.
                float neck = Math.Clamp((frame.ChinV + 0.5f * height - v) / (0.35f * height), 0, 1);
                float border = Math.Clamp(MathF.Min(MathF.Min(x, gw - 1 - x), MathF.Min(y, gh - 1 - y)) / MathF.Max(1, edge), 0, 1);
                fade.Data[i] = neck * border;
            }
        var grown = SeededGrowth.Grow(seeds, allowed);
        // Pores and shading leave pinholes in the colour test, and the test's rim is ragged where blond hair is as
        // skin-coloured as the forehead: a guided filter by the photo closes the pinholes and moves the rim onto the
        // photo's own edge (the hairline), where a blur left a blotchy step inside the hair.
        grown = ColorGuidedFilter.Apply(small, grown, radius: 2, eps: 0.02f * 0.02f);
        for (int i = 0; i < n; i++) grown.Data[i] = Math.Clamp(1.6f * grown.Data[i] - 0.3f, 0, 1) * fade.Data[i];
        var up = Resampler.Resize(grown, rect.Width, rect.Height);
        for (int y = 0; y < rect.Height; y++)
        {
            var dst = faceSkin.Row(0, rect.Y + y).Slice(rect.X, rect.Width);
            var src = up.Row(0, y);
            for (int x = 0; x < rect.Width; x++) dst[x] = MathF.Max(dst[x], Math.Clamp(src[x], 0, 1));
        }
    }
}
