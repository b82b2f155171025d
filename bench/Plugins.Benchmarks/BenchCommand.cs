namespace RetouchPlugins.Benchmarks;

/// <summary>Runs one of the quality/speed subcommands: parses its options, turns expected failures into a message and exit code 1.</summary>
public static class BenchCommand
{
    public static int Run(Func<CommandLine, int> command, string name, string[] args)
    {
        try
        {
            return command(new CommandLine(args));
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{name}: {e.Message}");
            return 1;
        }
    }
}
