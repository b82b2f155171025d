using System.Text.RegularExpressions;

namespace RetouchPlugins.Shared.Effects.Plugins;

/// <summary>
/// What a plugin's descriptor must be for every host to show it: an id and parameter names that can be a command
/// and options (lower-case letters, digits, dashes), a label, parameters with unique names and sane ranges, masks
/// with unique ids. Built-in effects are held to the same by the catalog contract test.
/// </summary>
internal static partial class DescriptorCheck
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex Name();

    /// <summary>The first problem with <paramref name="d"/>, or null.</summary>
    public static string? Problem(EffectDescriptor? d)
    {
        if (d is null) return "its Descriptor is null";
        if (d.Id is null || !Name().IsMatch(d.Id)) return $"the effect id '{d.Id}' is not lower-case letters, digits and dashes (at most 40, starting with a letter)";
        if (string.IsNullOrWhiteSpace(d.Label)) return $"the effect '{d.Id}' has no label";
        if (d.Parameters is null || d.Masks is null) return $"the effect '{d.Id}' has no parameter or mask list";
        var names = new HashSet<string>();
        foreach (var p in d.Parameters)
        {
            if (p is null || !Name().IsMatch(p.Name ?? "")) return $"the effect '{d.Id}' has a parameter named '{p?.Name}'; names are lower-case letters, digits and dashes";
            if (!names.Add(p.Name!)) return $"the effect '{d.Id}' declares the parameter '{p.Name}' twice";
            if (string.IsNullOrWhiteSpace(p.Label)) return $"the parameter '{p.Name}' of '{d.Id}' has no label";
            if (p.IsNumeric && !(double.IsFinite(p.Min) && double.IsFinite(p.Max) && p.Min <= p.Default && p.Default <= p.Max))
                return $"the parameter '{p.Name}' of '{d.Id}' has default {p.Default} outside its range {p.Min}..{p.Max}";
        }
        if (d.Masks.Any(m => m is null) || d.Masks.Select(m => m.Id).Distinct().Count() != d.Masks.Count)
            return $"the effect '{d.Id}' declares a mask twice (or a null one)";
        if (string.IsNullOrWhiteSpace(d.ResultLayer)) return $"the effect '{d.Id}' has no result layer name";
        return null;
    }
}
