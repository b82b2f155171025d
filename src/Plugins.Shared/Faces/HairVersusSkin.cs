namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// One head's hair colour against its face's skin colour, both 3-D Gaussians over Oklab (L, a, b). The hair is
/// sampled from the head around the face (outside the face's skin, on the person), minus the pixels that are plainly
/// that skin (ears, a forehead above the mesh). Null when no distinct hair colour is there (short hair, a hat, a
/// bald head: the ring is then mostly skin or background).
/// </summary>
internal sealed class HairVersusSkin
{
    /// <summary>A ring pixel within this distance of the skin model is skin, not a hair sample.</summary>
    private const float PlainlySkin = 2.5f;

    private readonly ColourGaussian _hair, _skin;

    private HairVersusSkin(ColourGaussian hair, ColourGaussian skin) { _hair = hair; _skin = skin; }

    public static HairVersusSkin? Fit(IReadOnlyList<(float L, float A, float B)> skinSamples, IEnumerable<(float L, float A, float B)> headRing)
    {
        var skin = ColourGaussian.Fit(skinSamples);
        if (skin is null) return null;
        var hair = ColourGaussian.Fit(headRing.Where(c => skin.Distance(c.L, c.A, c.B) > PlainlySkin).ToList());
        return hair is null ? null : new HairVersusSkin(hair, skin);
    }

    /// <summary>How much closer the colour is to the skin than to the hair (Mahalanobis units; above 0: more skin-like).</summary>
    public float SkinMargin(float l, float a, float b) => _hair.Distance(l, a, b) - _skin.Distance(l, a, b);

    public override string ToString() => $"hair {_hair}, skin {_skin}";
}
