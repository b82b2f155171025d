using System.Globalization;
using System.Text;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// Per-spot visibility removed, split by how much structure the clean photo has where each spot was painted (its own
/// core-vs-ring contrast, <see cref="SpotOutcome.CleanContrast"/>). A spot painted on plain skin can be removed whole;
/// one painted on a crease, a highlight or a pore's edge hides that structure, and no heal that reads the skin around
/// it gives the structure back. The same bins for the pipeline (`seeds`) and the oracle (`oracle`) say whether a loss is
/// the heal's or the place's.
/// </summary>
public sealed class ByCleanStructure
{
    /// <summary>Bin edges in 8-bit levels (RGB distance); the visible level is 4.</summary>
    private static readonly double[] Edges = [4, 8, 16];

    private readonly int[] _count = new int[Edges.Length + 1], _visible = new int[Edges.Length + 1];
    private readonly double[] _removed = new double[Edges.Length + 1];

    public void Add(SpotOutcome o)
    {
        int bin = Edges.Count(e => o.CleanContrast >= e);
        _count[bin]++;
        _removed[bin] += o.Removed;
        if (o.StillVisible) _visible[bin]++;
    }

    /// <summary>A report's section: a blank line, <paramref name="intro"/>, and the table of the held-out seeds' rows.</summary>
    public static void Section(StringBuilder report, string intro, params (string Label, ByCleanStructure Split)[] rows)
    {
        report.AppendLine();
        report.AppendLine(intro);
        report.AppendLine();
        Header(report, "held-out seeds");
        foreach (var (label, split) in rows) report.AppendLine(split.Row(label));
    }

    /// <summary>The table's header: one column per bin.</summary>
    private static void Header(StringBuilder report, string first)
    {
        var bins = Enumerable.Range(0, Edges.Length + 1).Select(b =>
            b == 0 ? $"under {Edges[0]:0} levels" : b == Edges.Length ? $"{Edges[^1]:0} or more" : $"{Edges[b - 1]:0}-{Edges[b]:0}");
        report.AppendLine($"| {first} | {string.Join(" | ", bins)} |");
        report.AppendLine($"|---|{string.Concat(Enumerable.Repeat("---|", Edges.Length + 1))}");
    }

    /// <summary>One row: per bin, the mean removed, the spots and how many still show.</summary>
    public string Row(string label) => $"| {label} | " + string.Join(" | ", Enumerable.Range(0, Edges.Length + 1).Select(b =>
        string.Create(CultureInfo.InvariantCulture, $"{_removed[b] / Math.Max(1, _count[b]):P1} ({_count[b]} spots, {_visible[b]} visible)"))) + " |";
}
