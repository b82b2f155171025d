namespace RetouchPlugins.Benchmarks;

/// <summary>Dispatches on the first argument; each subcommand lives in its own file.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.WriteLine("usage: Plugins.Benchmarks quality|speed|report|method ... (see bench/README.md)");
            return 2;
        }
        var rest = new CommandLine(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "quality" => QualityCommand.Run(rest),
                "speed" => SpeedCommand.Run(rest),
                "report" => ReportCommand.Run(rest),
                "method" => MethodCommand.Run(rest),
                _ => Unknown(args[0]),
            };
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{args[0]}: {e.Message}");
            return 1;
        }
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'; known: quality, speed, report, method");
        return 2;
    }
}
