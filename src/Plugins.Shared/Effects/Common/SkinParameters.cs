namespace RetouchPlugins.Shared.Effects;

/// <summary>Parameters more than one skin effect takes, declared once.</summary>
public static class SkinParameters
{
    public static readonly EffectParameter Body = new("body", "Body skin", ParameterKind.Toggle, 0, 0, 1,
        "Also retouch neck, shoulders and arms (the skin mask outside the faces).");
}
