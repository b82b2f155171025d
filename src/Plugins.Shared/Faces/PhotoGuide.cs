using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// The full-size guide of an analysis' pending carries (masks carried up to the photo's size on first use): the photo
/// itself, whose luma is made row by row where a mask needs it, until <see cref="Detach"/> makes the whole luma plane
/// and lets the photo go, so that a host may then render into the photo's own planes without changing those masks.
/// </summary>
internal sealed class PhotoGuide(PlanarImage photo)
{
    private readonly Lock _lock = new();
    private PlanarImage? _photo = photo;
    private PlanarImage? _luma;

    /// <summary><paramref name="lowMask"/> (guided by <paramref name="lowGuide"/> at the working size) at the photo's size.</summary>
    public PlanarImage Upsample(PlanarImage lowMask, PlanarImage lowGuide)
    {
        PlanarImage? photo, luma;
        lock (_lock) (photo, luma) = (_photo, _luma);
        return luma is not null ? GuidedMaskUpsampler.UpsampleByLuma(lowMask, lowGuide, luma) : GuidedMaskUpsampler.Upsample(lowMask, lowGuide, photo!);
    }

    /// <summary>From now on the photo's pixels may change: keep its luma (one plane, a quarter of RGBA) instead.</summary>
    public void Detach()
    {
        lock (_lock)
        {
            if (_photo is null) return;
            _luma = LumaPlane.Of(_photo);
            _photo = null;
        }
    }
}
