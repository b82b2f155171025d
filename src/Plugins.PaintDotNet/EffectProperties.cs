using PaintDotNet.Effects;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// The Paint.NET dialog generated from an effect's parameter record: Number becomes a double slider,
/// Integer an int slider, Toggle a check box, File and Text a text box (a path); labels come from the record. One check box is added
/// for every effect: "Retouch only (for an empty layer above)". A points parameter whose points say where the effect
/// changes the photo (<see cref="EffectParameter.FromSelectionPieces"/>) gets a check box more: take a point from each
/// small piece of the selection (<see cref="SelectionPoints"/>), so the retoucher circles spots on the canvas instead of
/// typing their coordinates.
/// </summary>
internal static class EffectProperties
{
    public const string RetouchOnly = "RetouchOnly";
    public const string RetouchOnlyLabel = "Retouch only (for an empty layer above)";
    private const int MaxPathLength = 4096;

    /// <summary>The check box's property name for a points parameter that can come from the selection's pieces.</summary>
    public static string FromSelection(EffectParameter p) => p.Name + "FromSelection";

    /// <summary>What the dialog holds: the effect's settings, "Retouch only", and the points parameters to take from the selection.</summary>
    public sealed record Values(EffectSettings Settings, bool RetouchOnly, IReadOnlyList<EffectParameter> PointsFromSelection);

    private static bool TakesSelection(EffectParameter p) => p.IsPoints && p.FromSelectionPieces;

    private static IEnumerable<EffectParameter> SelectionPointParameters(IReadOnlyList<EffectParameter> parameters) => parameters.Where(TakesSelection);

    /// <summary>The check box's label beside a points parameter's text box.</summary>
    public static string FromSelectionLabel(EffectParameter p) => $"{p.Label}: also one in each small piece of the selection";

    public static PropertyCollection Create(IReadOnlyList<EffectParameter> parameters)
    {
        var reserved = SelectionPointParameters(parameters).Select(FromSelection).Append(RetouchOnly).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var clash = parameters.FirstOrDefault(p => reserved.Contains(p.Name));
        if (clash is not null) throw new ArgumentException($"parameter name '{clash.Name}' is reserved by the Paint.NET host");
        var properties = new List<Property>();
        foreach (var p in parameters)
        {
            properties.Add(ToProperty(p));
            if (TakesSelection(p)) properties.Add(new BooleanProperty(FromSelection(p), false));
        }
        properties.Add(new BooleanProperty(RetouchOnly, false));
        return new PropertyCollection(properties);
    }

    public static void SetLabels(ControlInfo ui, IReadOnlyList<EffectParameter> parameters)
    {
        foreach (var p in parameters)
        {
            if (p.Kind == ParameterKind.Toggle)
            {
                // A check box shows Description beside the box; DisplayName would be a header above it.
                ui.SetPropertyControlValue(p.Name, ControlInfoPropertyNames.DisplayName, string.Empty);
                ui.SetPropertyControlValue(p.Name, ControlInfoPropertyNames.Description, p.Label);
            }
            else
            {
                ui.SetPropertyControlValue(p.Name, ControlInfoPropertyNames.DisplayName, p.Label);
            }
            if (TakesSelection(p))
            {
                ui.SetPropertyControlValue(FromSelection(p), ControlInfoPropertyNames.DisplayName, string.Empty);
                ui.SetPropertyControlValue(FromSelection(p), ControlInfoPropertyNames.Description, FromSelectionLabel(p));
            }
        }
        ui.SetPropertyControlValue(RetouchOnly, ControlInfoPropertyNames.DisplayName, string.Empty);
        ui.SetPropertyControlValue(RetouchOnly, ControlInfoPropertyNames.Description, RetouchOnlyLabel);
    }

    public static Values Read(PropertyBasedEffectConfigToken token, IReadOnlyList<EffectParameter> parameters)
    {
        var settings = new EffectSettings(parameters);
        foreach (var p in parameters)
        {
            if (!p.IsNumeric)
            {
                var text = Get<StringProperty>(token, p.Name).Value;
                settings.SetText(p.Name, string.IsNullOrWhiteSpace(text) ? null : text.Trim().Trim('"'));
                continue;
            }
            double value = p.Kind switch
            {
                ParameterKind.Number => Get<DoubleProperty>(token, p.Name).Value,
                ParameterKind.Integer => Get<Int32Property>(token, p.Name).Value,
                _ => Get<BooleanProperty>(token, p.Name).Value ? 1 : 0,
            };
            settings.Set(p.Name, value);
        }
        var fromSelection = SelectionPointParameters(parameters).Where(p => Get<BooleanProperty>(token, FromSelection(p)).Value).ToList();
        return new Values(settings, Get<BooleanProperty>(token, RetouchOnly).Value, fromSelection);
    }

    private static Property ToProperty(EffectParameter p) => p.Kind switch
    {
        ParameterKind.Number => new DoubleProperty(p.Name, p.Default, p.Min, p.Max),
        ParameterKind.Integer => new Int32Property(p.Name, (int)Math.Round(p.Default), (int)Math.Ceiling(p.Min), (int)Math.Floor(p.Max)),
        ParameterKind.Toggle => new BooleanProperty(p.Name, p.Default != 0),
        // A file (model, reference photo) or text is typed or pasted as a path; empty = not given.
        ParameterKind.File or ParameterKind.Text => new StringProperty(p.Name, string.Empty, MaxPathLength),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.Kind, $"parameter '{p.Name}' has a kind the Paint.NET host does not know"),
    };

    private static T Get<T>(PropertyBasedEffectConfigToken token, string name) where T : Property =>
        token.GetProperty<T>(name) ?? throw new InvalidOperationException($"the effect token has no {typeof(T).Name} '{name}'");
}
