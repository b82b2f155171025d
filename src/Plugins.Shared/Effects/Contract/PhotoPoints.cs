using System.Globalization;
using System.Numerics;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The text of a points parameter (<see cref="EffectParameter.Points"/>): "x,y; x,y" in the pixels of the photo the
/// effect renders, e.g. a retoucher's clicks on spots left. Hosts that render a scaled preview scale the points with it
/// (<see cref="Scale"/>), so the same text means the same places in the preview and in the full-size render.
/// </summary>
public static class PhotoPoints
{
    /// <summary>
    /// The points of <paramref name="text"/> ("x,y" pairs separated by ';', spaces allowed; empty or null: none), checked
    /// against the photo's size; a clear error naming the parameter and the bad entry otherwise.
    /// </summary>
    public static IReadOnlyList<Vector2> Parse(string? text, int width, int height, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var points = new List<Vector2>();
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var point = ParseOne(entry) ?? throw new ArgumentException(
                $"{parameter}: '{entry}' is not a point; give x,y in photo pixels, points separated by ';' (e.g. 812,430; 900,455)");
            if (point.X < 0 || point.Y < 0 || point.X > width - 1 || point.Y > height - 1)
                throw new ArgumentException($"{parameter}: {Describe(point)} lies outside the {width}x{height} photo");
            points.Add(point);
        }
        return points;
    }

    /// <summary>
    /// <paramref name="text"/> with every point multiplied by <paramref name="factor"/> (a preview <paramref name="factor"/>
    /// times the photo's size); entries that are not points are kept as they are, for the effect to refuse by name.
    /// </summary>
    public static string? Scale(string? text, float factor)
    {
        if (string.IsNullOrWhiteSpace(text) || factor == 1) return text;
        return string.Join("; ", text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => ParseOne(entry) is { } p ? Format(p * factor) : entry));
    }

    /// <summary>A copy of <paramref name="settings"/> with every points parameter's text scaled by <paramref name="factor"/> (<see cref="Scale"/>).</summary>
    public static EffectSettings ScaleAll(EffectSettings settings, float factor)
    {
        // Most effects have no points parameter, and a full-size preview needs none scaled: no copy then.
        if (factor == 1 || !settings.Parameters.Any(p => p.IsPoints)) return settings;
        var scaled = settings.For(settings.Parameters);
        foreach (var p in settings.Parameters.Where(p => p.IsPoints))
            scaled.SetText(p.Name, Scale(settings.GetText(p), factor));
        return scaled;
    }

    /// <summary>"x,y" as the text takes it (one decimal, invariant culture).</summary>
    public static string Format(Vector2 p) => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}");

    /// <summary>"(x, y)" for messages.</summary>
    public static string Describe(Vector2 p) => string.Create(CultureInfo.InvariantCulture, $"({p.X:0.#}, {p.Y:0.#})");

    private static Vector2? ParseOne(string entry)
    {
        var parts = entry.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float x)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float y)
            && float.IsFinite(x) && float.IsFinite(y)
            ? new Vector2(x, y) : null;
    }
}
