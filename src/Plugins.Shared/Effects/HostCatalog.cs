using RetouchPlugins.Shared.Effects.Plugins;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The effects one host offers: the built-in <see cref="EffectCatalog"/> followed by the third-party plugins it
/// loaded, and what was refused on the way (shown by the host as warnings). Hosts list, find and run effects through
/// this and never name one. A plugin effect is refused when its id is a built-in's, another plugin's, or a word the
/// host reserves (its own commands), or when a parameter name is one the host reserves (its own options) or is
/// declared elsewhere in the catalog with another kind (batch offers one option per name).
/// </summary>
public sealed class HostCatalog
{
    /// <summary>The environment variable with more plugin folders (separated by the platform's path separator).</summary>
    public const string PluginsVariable = "RETOUCH_PLUGINS";

    private HostCatalog(IReadOnlyList<CatalogEntry> all, IReadOnlyList<PluginProblem> problems)
    {
        All = all;
        Problems = problems;
    }

    /// <summary>Built-in effects first (catalog order), then plugin effects (by file, then type).</summary>
    public IReadOnlyList<CatalogEntry> All { get; }

    /// <summary>Plugin files and effects that were refused or skipped, each naming the file and the reason.</summary>
    public IReadOnlyList<PluginProblem> Problems { get; }

    /// <summary>The built-in effects only (no plugin folder is read): tests, and hosts started without plugins.</summary>
    public static HostCatalog BuiltIn { get; } = new(EffectCatalog.All, []);

    /// <summary>Exactly these entries, no plugin folder read: tests that wrap an effect to watch or hold it.</summary>
    internal static HostCatalog Of(IReadOnlyList<CatalogEntry> entries) => new(entries, []);

    /// <summary>
    /// The built-in effects plus the plugins in <paramref name="folders"/>. <paramref name="reservedIds"/> and
    /// <paramref name="reservedParameters"/> are the host's own command and option names.
    /// </summary>
    public static HostCatalog WithPlugins(IEnumerable<string> folders, IEnumerable<string>? reservedIds = null, IEnumerable<string>? reservedParameters = null)
    {
        var (found, loadProblems) = PluginLoader.Load(folders);
        var problems = loadProblems.ToList();
        var all = EffectCatalog.All.ToList();
        var reserved = new HashSet<string>(reservedIds ?? [], StringComparer.OrdinalIgnoreCase);
        var reservedNames = new HashSet<string>(reservedParameters ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in found)
        {
            var d = plugin.Descriptor;
            string? refused = null;
            if (EffectCatalog.Find(d.Id) is not null) refused = $"the effect id '{d.Id}' is a built-in effect's; refused (give the plugin effect another id)";
            else if (all.FirstOrDefault(e => string.Equals(e.Id, d.Id, StringComparison.OrdinalIgnoreCase)) is { Plugin: { } first })
                refused = $"the effect id '{d.Id}' is already taken by {first.File}; refused";
            else if (reserved.Contains(d.Id)) refused = $"the effect id '{d.Id}' is one of the host's own commands; refused";
            else if (d.Parameters.FirstOrDefault(p => reservedNames.Contains(p.Name)) is { } hostOption)
                refused = $"the parameter '{hostOption.Name}' of '{d.Id}' is one of the host's own options; refused";
            else if (ConflictingKind(all, d) is { } conflict) refused = conflict;
            if (refused is null) all.Add(new CatalogEntry(plugin));
            else problems.Add(new PluginProblem(plugin.Origin.File, refused));
        }
        return new HostCatalog(all, problems);
    }

    /// <summary>The folders a host reads: plugins/ next to the executable (when it exists), then <see cref="PluginsVariable"/>'s, then <paramref name="given"/>.</summary>
    public static IReadOnlyList<string> PluginFolders(IEnumerable<string> given, string? variable = null)
    {
        var folders = new List<string>();
        var beside = Path.Combine(AppContext.BaseDirectory, "plugins");
        if (Directory.Exists(beside)) folders.Add(beside);
        if (!string.IsNullOrWhiteSpace(variable))
            folders.AddRange(variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        folders.AddRange(given);
        return folders;
    }

    /// <summary>The entry with this id, or null.</summary>
    public CatalogEntry? Find(string id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entry with this id, or an <see cref="ArgumentException"/> listing the ids there are.</summary>
    public CatalogEntry Get(string id) =>
        Find(id) ?? throw new ArgumentException($"unknown effect '{id}'; the effects are {string.Join(", ", All.Select(e => e.Id))}");

    private static string? ConflictingKind(IEnumerable<CatalogEntry> all, EffectDescriptor d)
    {
        foreach (var p in d.Parameters)
            foreach (var e in all)
                if (e.Descriptor.Parameter(p.Name) is { } other && other.Kind != p.Kind)
                    return $"the parameter '{p.Name}' of '{d.Id}' is a {p.Kind.ToString().ToLowerInvariant()}, but '{e.Id}' has it as a {other.Kind.ToString().ToLowerInvariant()}; refused (batch has one option per name)";
        return null;
    }
}
