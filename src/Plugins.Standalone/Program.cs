using System.CommandLine;

namespace RetouchPlugins.Standalone;

public static class Program
{
    public static int Main(string[] args) => Root().Parse(args).Invoke();

    /// <summary>The command tree: the tools, and one command per catalog effect.</summary>
    internal static RootCommand Root()
    {
        var root = new RootCommand("RetouchPlugins: portrait retouching from the command line; one command per effect (retouch ID --help).");
        root.Subcommands.Add(Commands.DoctorCommand.Create());
        root.Subcommands.Add(Commands.InfoCommand.Create());
        root.Subcommands.Add(Commands.FacesCommand.Create());
        foreach (var entry in Shared.Effects.EffectCatalog.All) root.Subcommands.Add(Commands.EffectCommand.Create(entry));
        root.Subcommands.Add(Commands.BatchCommand.Create());
        root.Subcommands.Add(Web.ServeCommands.Serve());
        root.Subcommands.Add(Web.ServeCommands.Open());
        return root;
    }
}
