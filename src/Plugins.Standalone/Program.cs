using System.CommandLine;

namespace RetouchPlugins.Standalone;

public static class Program
{
    /// <summary>Set to a file path to have the stack trace of an unexpected error appended there.</summary>
    public const string TraceVariable = "RETOUCH_TRACE";

    public static int Main(string[] args)
    {
        try
        {
            // A warm worker of this build (`retouch worker start`) runs effect commands without loading the models again.
            if (Worker.WorkerClient.TryRun(args, Console.Out, Console.Error) is int exit) return exit;
            // From here the command runs in this process: compile what its last run compiled on the idle core.
            JitProfile.Start(args);
            var catalog = PluginArguments.Catalog(args, Environment.GetEnvironmentVariable(Shared.Effects.HostCatalog.PluginsVariable));
            PluginArguments.Warn(catalog, Terminal.Error());
            // Our own handler below instead of System.CommandLine's, which prints the stack trace to the user.
            var parse = Root(catalog).Parse(args);
            int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            Worker.WorkerClient.StartForNext(parse, code, catalog);
            return code;
        }
        catch (Exception e)
        {
            return Unexpected(e, Console.Error, Environment.GetEnvironmentVariable(TraceVariable));
        }
    }

    /// <summary>The command tree over the built-in effects only (tests).</summary>
    internal static RootCommand Root() => Root(Shared.Effects.HostCatalog.BuiltIn);

    /// <summary>The command tree: the tools, and one command per effect of <paramref name="catalog"/> (built-in and plugins).</summary>
    internal static RootCommand Root(Shared.Effects.HostCatalog catalog) => Root(catalog, Commands.CommandHost.Process);

    /// <summary>The command tree whose effect commands write to and analyse on <paramref name="host"/> (the worker's).</summary>
    internal static RootCommand Root(Shared.Effects.HostCatalog catalog, Commands.CommandHost host)
    {
        var root = new RootCommand("RetouchPlugins: portrait retouching from the command line; one command per effect (retouch ID --help, the list: retouch effects).");
        root.Options.Add(PluginArguments.Option());
        root.Subcommands.Add(Commands.DoctorCommand.Create());
        root.Subcommands.Add(Commands.InfoCommand.Create());
        root.Subcommands.Add(Commands.FacesCommand.Create());
        root.Subcommands.Add(Commands.EffectsCommand.Create(catalog));
        foreach (var entry in catalog.All) root.Subcommands.Add(Commands.EffectCommand.Create(entry, host));
        root.Subcommands.Add(Commands.BatchCommand.Create(catalog));
        root.Subcommands.Add(Web.ServeCommands.Serve(catalog));
        root.Subcommands.Add(Web.ServeCommands.Open(catalog));
        root.Subcommands.Add(Worker.WorkerCommand.Create(catalog));
        return root;
    }

    /// <summary>
    /// An error no command expected (a bug, or the machine running out of memory): one line on stderr, never a
    /// stack trace; the trace goes to the file named by <see cref="TraceVariable"/> when it is set. Exit 1.
    /// </summary>
    internal static int Unexpected(Exception e, TextWriter error, string? traceFile)
    {
        var what = e is OutOfMemoryException
            ? "ran out of memory; try a smaller photo, fewer --jobs, or a lower --memory-limit so large photos are refused up front"
            : $"unexpected {e.GetType().Name}: {e.Message}";
        string where = "";
        if (!string.IsNullOrEmpty(traceFile))
        {
            try
            {
                File.AppendAllText(traceFile, $"{DateTime.Now:O} {e}{Environment.NewLine}");
                where = $" (stack trace in {traceFile})";
            }
            catch (Exception write) when (write is IOException or UnauthorizedAccessException)
            {
                where = $" (could not write the stack trace to {traceFile}: {write.Message})";
            }
        }
        else if (e is not OutOfMemoryException) where = $" (set {TraceVariable}=FILE to record the stack trace)";
        error.WriteLine($"error: {what}{where}");
        return Shared.Running.RunExit.BadInput;
    }
}
