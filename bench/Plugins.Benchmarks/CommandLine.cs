namespace RetouchPlugins.Benchmarks;

/// <summary>Positional arguments and --name value options of one bench subcommand.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    public CommandLine(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= list.Count) throw new ArgumentException($"option {list[i]} needs a value");
                _options[list[i][2..]] = list[++i];
            }
            else Positional.Add(list[i]);
        }
    }

    public List<string> Positional { get; } = [];

    public string Option(string name, string fallback) => _options.TryGetValue(name, out var v) ? v : fallback;
    public string? Option(string name) => _options.GetValueOrDefault(name);
    public int Option(string name, int fallback) => _options.TryGetValue(name, out var v) ? int.Parse(v) : fallback;

    /// <summary>
    /// <paramref name="settings"/> with --set name=value,name=value applied (numeric parameters), to try a setting against
    /// the same spots; unchanged without --set.
    /// </summary>
    public RetouchPlugins.Shared.Effects.EffectSettings WithSet(RetouchPlugins.Shared.Effects.EffectSettings settings)
    {
        foreach (var pair in (Option("set") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2) throw new ArgumentException($"--set: '{pair}' is not name=value");
            settings = settings.Set(parts[0].Trim(), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        return settings;
    }

    /// <summary>The results folder: --out, else bench/results next to the repository root, else ./results.</summary>
    public string ResultsDirectory()
    {
        string dir = Option("out") ?? DefaultResults();
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string DefaultResults()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "RetouchPlugins.sln"))) return Path.Combine(d.FullName, "bench", "results");
        return Path.Combine(Directory.GetCurrentDirectory(), "results");
    }
}
