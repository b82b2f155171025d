namespace RetouchPlugins.Shared.Effects;

/// <summary>What an effect needs the host to analyse before Render.</summary>
[Flags]
public enum AnalysisNeeds
{
    None = 0,
    /// <summary>Faces with their five landmarks and 468-point mesh, face skin and feature masks.</summary>
    Faces = 1,
    /// <summary>The person mask (u2netp).</summary>
    Person = 2,
    /// <summary>Body skin (neck, arms) in <see cref="Faces.PortraitAnalysis.SkinMask"/>; implies faces and person.</summary>
    BodySkin = 4,
    /// <summary>Everything the skin effects use.</summary>
    Portrait = Faces | Person | BodySkin,
}

/// <summary>
/// An effect as hosts see it, without running it: id (CLI command, batch --effect, web API), menu label,
/// one-line summary, parameters (CLI options, Paint.NET dialog, web sliders), the masks it emits (in
/// layer order, bottom first), what analysis it needs, and the name of its result layer.
/// </summary>
public sealed record EffectDescriptor(
    string Id,
    string Label,
    string Summary,
    IReadOnlyList<EffectParameter> Parameters,
    IReadOnlyList<MaskKind> Masks,
    AnalysisNeeds Needs,
    string ResultLayer = "Retouched")
{
    /// <summary>
    /// Values that make the effect a no-op (e.g. strength 0): with them its output is the input bit for bit.
    /// The catalog contract test holds every effect to it.
    /// </summary>
    public IReadOnlyList<(string Parameter, double Value)> NoOp { get; init; } = [];

    /// <summary>Default settings for this effect's parameters.</summary>
    public EffectSettings DefaultSettings() => new(Parameters);

    public EffectParameter? Parameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
