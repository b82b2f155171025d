namespace RetouchPlugins.Shared.Effects;

/// <summary>Parameters more than one skin effect takes, declared once.</summary>
public static class SkinParameters
{
    public static readonly EffectParameter Body = new("body", "Body skin", ParameterKind.Toggle, 0, 0, 1,
        "Also retouch neck, shoulders and arms (the skin mask outside the faces).");

    /// <summary>
    /// Points on marks a retoucher keeps (a beauty mark, a mole): blemish removal heals no spot there and the tone evening
    /// leaves the skin around them as it is (<see cref="KeptMarkRadius"/>).
    /// </summary>
    public static readonly EffectParameter Keep = EffectParameter.Points("keep", "Marks to keep",
        "Points on a mark to keep (a beauty mark, a mole): no spot is healed there and the skin is not evened over it. x,y in photo pixels, separated by ';'.");

    /// <summary>
    /// Around a point to keep the tone evening fades out from this share of the face width (the largest blemish's radius at
    /// the defaults) to twice it: a kept mark keeps its contrast, and the fade is as soft as the evening's own tone change.
    /// </summary>
    public const float KeptMarkRadius = 0.02f;
}
