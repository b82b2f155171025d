using System.Text.Json;

namespace RetouchPlugins.Benchmarks.Reporting;

/// <summary>
/// Results saved per build as PREFIX-LABEL.json (`memory`, `layers`), so a build before a change and one after are
/// measured one at a time and reported side by side.
/// </summary>
public static class LabelledRuns
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Save<TRow>(string dir, string prefix, string label, IReadOnlyList<TRow> rows) =>
        File.WriteAllText(Path.Combine(dir, $"{prefix}-{label}.json"), JsonSerializer.Serialize(rows, Indented));

    /// <summary>Every label saved in <paramref name="dir"/> with its rows, labels in order.</summary>
    public static IEnumerable<(string Label, List<TRow> Rows)> All<TRow>(string dir, string prefix) =>
        Directory.EnumerateFiles(dir, $"{prefix}-*.json").Order(StringComparer.Ordinal).Select(file =>
            (Path.GetFileNameWithoutExtension(file)[(prefix.Length + 1)..], JsonSerializer.Deserialize<List<TRow>>(File.ReadAllText(file)) ?? []));
}
