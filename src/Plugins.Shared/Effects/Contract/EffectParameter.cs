using System.Globalization;

namespace RetouchPlugins.Shared.Effects;

/// <summary>How a parameter is shown and parsed: a slider, an integer slider, a check box, a file, or free text.</summary>
public enum ParameterKind { Number, Integer, Toggle, File, Text }

/// <summary>What a <see cref="ParameterKind.File"/> parameter names; the host resolves it through <see cref="EffectResources"/>.</summary>
public enum FileRole { None, OnnxModel, Image, Landmarks, Mask }

/// <summary>
/// One user-facing parameter. The same record drives the CLI options, the Paint.NET property UI
/// and the web UI, so name, default, range and help live in exactly one place.
/// File and text parameters carry a string (empty = not given); their Default, Min and Max are unused.
/// </summary>
public sealed record EffectParameter(
    string Name, string Label, ParameterKind Kind, double Default, double Min, double Max, string Help)
{
    /// <summary>For a file parameter: what the file is.</summary>
    public FileRole Role { get; init; }

    /// <summary>For a file or text parameter: the effect's main use needs it (hosts ask for it; it has no default), e.g. makeup's reference photo.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// For a file parameter: names the effect resolves itself (bundled styles by name), which hosts pass through
    /// without looking for a file of that name. Compared without regard to case.
    /// </summary>
    public IReadOnlyList<string> BuiltIn { get; init; } = [];

    /// <summary>True when <paramref name="value"/> is one of <see cref="BuiltIn"/>.</summary>
    public bool IsBuiltIn(string? value) => value is not null && BuiltIn.Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>A file parameter (a model, a reference photo, a landmark file, a mask).</summary>
    public static EffectParameter File(string name, string label, FileRole role, string help) =>
        new(name, label, ParameterKind.File, 0, 0, 0, help) { Role = role };

    /// <summary>A free-text parameter (e.g. a class list), checked by the effect.</summary>
    public static EffectParameter Text(string name, string label, string help) =>
        new(name, label, ParameterKind.Text, 0, 0, 0, help);

    /// <summary>
    /// For a text parameter: its text is points in the photo's pixels (<see cref="PhotoPoints"/>). Hosts that show the
    /// photo let the user click to add one, and scale the points for a scaled preview.
    /// </summary>
    public bool IsPoints { get; init; }

    /// <summary>
    /// For a points parameter: the points say where the effect changes the photo (spots to heal, not marks to keep), so a
    /// host whose output is clipped to the user's selection (Paint.NET) may offer to take a point from each small piece of
    /// that selection: the retoucher circles the spots on the canvas at 100 %.
    /// </summary>
    public bool FromSelectionPieces { get; init; }

    /// <summary>A points parameter: "x,y; x,y" in photo pixels (<see cref="PhotoPoints"/>).</summary>
    public static EffectParameter Points(string name, string label, string help) =>
        new(name, label, ParameterKind.Text, 0, 0, 0, help) { IsPoints = true };

    /// <summary>True for parameters whose value is a number (slider, integer, toggle).</summary>
    public bool IsNumeric => Kind is ParameterKind.Number or ParameterKind.Integer or ParameterKind.Toggle;

    public double Clamp(double value) => Kind switch
    {
        ParameterKind.Toggle => value != 0 ? 1 : 0,
        ParameterKind.Integer => Math.Round(Math.Clamp(value, Min, Max)),
        _ => Math.Clamp(value, Min, Max),
    };

    /// <summary>"0..1, default 0.8" for help texts.</summary>
    public string RangeText => Kind switch
    {
        ParameterKind.Toggle => Default != 0 ? "default on" : "default off",
        ParameterKind.File or ParameterKind.Text => "optional",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Min:0.##}..{Max:0.##}, default {Default:0.##}"),
    };
}
