using System.CommandLine;

namespace RetouchPlugins.Standalone;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("RetouchPlugins: portrait retouching (skin, blemishes, whitening) from the command line.");
        root.Subcommands.Add(Commands.DoctorCommand.Create());
        root.Subcommands.Add(Commands.InfoCommand.Create());
        root.Subcommands.Add(Commands.FacesCommand.Create());
        root.Subcommands.Add(Commands.SkinCommand.Create());
        root.Subcommands.Add(Commands.BatchCommand.Create());
        return root.Parse(args).Invoke();
    }
}
