using System.CommandLine;
using System.Text.Json;
using RetouchPlugins.Shared.Effects;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `retouch effects [--json]`: the effects this run offers, built-in and from plugins (with the plugin file and
/// version), and the plugins that were refused and why. Exit 0 even when some plugin was refused (the problems are
/// listed, and warned about on standard error).
/// </summary>
public static class EffectsCommand
{
    public static Command Create(HostCatalog catalog) => Create(catalog, Terminal.Out());

    internal static Command Create(HostCatalog catalog, IAnsiConsole console)
    {
        var command = new Command("effects", "List the effects (built-in and plugins), each a command `retouch ID`, and any plugin that was refused.");
        var json = new Option<bool>("--json") { Description = "Print the list as JSON: id, label, summary, plugin; and the plugin problems." };
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            if (parse.GetValue(json)) console.Profile.Out.Writer.WriteLine(Json(catalog));
            else Table(catalog, console);
            return Shared.Running.RunExit.Ok;
        });
        return command;
    }

    private static void Table(HostCatalog catalog, IAnsiConsole console)
    {
        int width = catalog.All.Max(e => e.Id.Length);
        foreach (var entry in catalog.All)
        {
            var from = entry.Plugin is { } plugin ? $"plugin {plugin}" : "built-in";
            console.MarkupLineInterpolated($"{entry.Id.PadRight(width)}  {entry.Descriptor.Label} ({from})");
        }
        foreach (var problem in catalog.Problems) console.MarkupLineInterpolated($"[yellow]refused[/] {problem.ToString()}");
    }

    private static string Json(HostCatalog catalog) => JsonSerializer.Serialize(new
    {
        effects = catalog.All.Select(e => new
        {
            id = e.Id,
            label = e.Descriptor.Label,
            summary = e.Descriptor.Summary,
            plugin = e.Plugin is { } p ? new { file = p.File, assembly = p.Assembly, version = p.Version } : null,
        }),
        pluginProblems = catalog.Problems.Select(p => new { file = p.File, problem = p.Problem }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
