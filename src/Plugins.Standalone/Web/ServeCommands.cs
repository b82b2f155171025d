using System.CommandLine;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web;

/// <summary>
/// `retouch serve [--port N] [--open FILE]`: the local web app and HTTP API. `retouch open FILE`: the external
/// editor round trip: the page opens on FILE, Save writes the layered result back into FILE in its own format
/// (atomically) and the command exits 0 so the editor reloads it; closing without saving exits 130.
/// </summary>
public static class ServeCommands
{
    public static Command Serve(HostCatalog catalog)
    {
        var command = new Command("serve", "The local web app and HTTP API on 127.0.0.1: effects, sliders and live preview, layers, export. Prints the URL with this launch's token.");
        var port = PortOption();
        var open = new Option<FileInfo?>("--open") { Description = "Open this photo in the page at start (it can then be saved back, as with `retouch open`).", HelpName = "FILE" };
        var browser = NoBrowserOption();
        command.Options.Add(port);
        command.Options.Add(open);
        command.Options.Add(browser);
        var cpu = Commands.CpuOption.Create();
        command.Options.Add(cpu);
        command.SetAction((parse, cancellation) =>
            Run(catalog, parse.GetValue(open)?.FullName, parse.GetValue(port), !parse.GetValue(browser), false, parse.GetValue(cpu), cancellation));
        return command;
    }

    public static Command Open(HostCatalog catalog)
    {
        var command = new Command("open", "Edit FILE from another editor (Photoshop, Lightroom, GIMP: \"edit in external editor\"): Save writes the result back into FILE, layered where the format is, and exits.");
        var file = new Argument<FileInfo>("FILE") { Description = "The file the editor handed over (.psd, .psb, .ora, .tif, .jpg, .png)." };
        var port = PortOption();
        var layers = new Option<bool>("--layers") { Description = "Save a flat .tif as layers (Original, result, masks) instead of replacing its image." };
        var browser = NoBrowserOption();
        command.Arguments.Add(file);
        command.Options.Add(port);
        command.Options.Add(layers);
        command.Options.Add(browser);
        var cpu = Commands.CpuOption.Create();
        command.Options.Add(cpu);
        command.SetAction((parse, cancellation) =>
            Run(catalog, parse.GetValue(file)!.FullName, parse.GetValue(port), !parse.GetValue(browser), parse.GetValue(layers), parse.GetValue(cpu), cancellation, exitOnSave: true));
        return command;
    }

    // The options serve and open share.
    private static Option<int> PortOption() =>
        new("--port") { Description = "Port on 127.0.0.1 (default: a free one).", DefaultValueFactory = _ => 0 };

    private static Option<bool> NoBrowserOption() =>
        new("--no-browser") { Description = "Print the URL only; do not open a browser." };

    private static async Task<int> Run(HostCatalog catalog, string? file, int port, bool openBrowser, bool tiffLayers, bool forceCpu, CancellationToken cancellation,
        bool exitOnSave = false)
    {
        var options = new ServeOptions(AccessToken.Random()) { OpenFile = file, TiffLayers = tiffLayers, ForceCpu = forceCpu };
        LaunchFile? launch = null;
        try
        {
            if (file is not null) launch = LaunchFile.Open(file, options.Limits.MaxPixels);
        }
        catch (Exception e) when (RunExit.IsInputError(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return RunExit.BadInput;
        }
        var saved = await RetouchServer.RunAsync(new RetouchServer.Launch(options, port, openBrowser, launch, catalog), Console.Out, cancellation);
        if (saved is not null) Console.WriteLine($"saved {saved}");
        if (!exitOnSave) return RunExit.Ok;
        if (saved is null) Console.Error.WriteLine($"closed without saving: {file} is unchanged");
        return saved is null ? RunExit.Cancelled : RunExit.Ok;
    }
}
