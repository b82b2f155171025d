using System.CommandLine;
using RetouchPlugins.Shared.Effects;
using Spectre.Console;

namespace RetouchPlugins.Standalone;

/// <summary>
/// Third-party effect plugins on the command line: `--plugins DIR` (any command, repeatable) adds a plugin folder
/// to plugins/ next to the executable and the RETOUCH_PLUGINS folders. The folders must be known before the command
/// tree exists (each plugin effect is a command), so they are read from the raw arguments first; the option itself
/// is declared on the root so the parser accepts it and the help shows it.
/// </summary>
internal static class PluginArguments
{
    public const string Name = "--plugins";

    /// <summary>The commands that are not effects: a plugin effect cannot take one of these ids.</summary>
    public static readonly IReadOnlyList<string> ToolCommands = ["doctor", "info", "faces", "effects", "batch", "serve", "open", "worker", "help"];

    /// <summary>
    /// The options `retouch ID` and `retouch batch` have besides effect parameters (without dashes): a plugin
    /// parameter cannot take one of these names. CliPluginTests checks this list against the commands.
    /// </summary>
    public static readonly IReadOnlyList<string> HostOptions =
        ["output", "o", "masks", "layers", "memory-limit", "max-megapixels", "effect", "format", "jobs", "j", "overwrite", "plugins", "cpu", "help", "h", "version"];

    public static Option<DirectoryInfo[]> Option() => new(Name)
    {
        Description = "Also load the effect plugins in this folder (besides plugins/ next to retouch and $" + HostCatalog.PluginsVariable + ").",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>The built-in effects plus the plugins of every folder named by `--plugins DIR`, `--plugins=DIR`, the variable and plugins/.</summary>
    public static HostCatalog Catalog(IReadOnlyList<string> args, string? variable)
    {
        var folders = HostCatalog.PluginFolders(Given(args), variable);
        return folders.Count == 0 ? HostCatalog.BuiltIn : HostCatalog.WithPlugins(folders, ToolCommands, HostOptions);
    }

    /// <summary>The folders named by `--plugins DIR` and `--plugins=DIR` in the raw arguments (up to a `--`).</summary>
    public static List<string> Given(IReadOnlyList<string> args)
    {
        var given = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == Name && i + 1 < args.Count) given.Add(args[++i]);
            else if (args[i].StartsWith(Name + "=", StringComparison.Ordinal)) given.Add(args[i][(Name.Length + 1)..]);
        }
        return given;
    }

    /// <summary>Every refused or skipped plugin as one "warning: FILE: problem" line (standard error).</summary>
    public static void Warn(HostCatalog catalog, IAnsiConsole errors)
    {
        foreach (var problem in catalog.Problems) errors.MarkupLineInterpolated($"[yellow]warning[/]: {problem.ToString()}");
    }
}
