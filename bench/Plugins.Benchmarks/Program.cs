namespace RetouchPlugins.Benchmarks;

/// <summary>Dispatches on the first argument: one benchmark family per command, each writing its report to bench/results/.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string? command = args.Length > 0 ? args[0] : null;
        string[] rest = args.Length > 1 ? args[1..] : [];
        return command switch
        {
            "kernels" => KernelThroughput.Run(rest),
            "quality" => BenchCommand.Run(QualityCommand.Run, command, rest),
            "spots" => BenchCommand.Run(Quality.SpotDiagnosis.Run, command, rest),
            "seeds" => BenchCommand.Run(Quality.SeedSpread.Run, command, rest),
            "oracle" => BenchCommand.Run(Quality.ShapeOracle.Run, command, rest),
            "speed" => BenchCommand.Run(SpeedCommand.Run, command, rest),
            "report" => BenchCommand.Run(ReportCommand.Run, command, rest),
            "method" => BenchCommand.Run(MethodCommand.Run, command, rest),
            "stylize" => BenchCommand.Run(Stylize.StylizeCommand.Run, command, rest),
            "makeup" => BenchCommand.Run(Makeup.MakeupCommand.Run, command, rest),
            "dewrinkle" => BenchCommand.Run(DewrinkleCommand.Run, command, rest),
            "memory" => BenchCommand.Run(MemoryCommand.Run, command, rest),
            "layers" => BenchCommand.Run(LayeredOutputCommand.Run, command, rest),
            "end-to-end" => BenchCommand.Run(EndToEndCommand.Run, command, rest),
            "restore" => BenchCommand.Run(Restore.RestoreCommand.Run, command, rest),
            "preview" => BenchCommand.Run(PreviewCommand.Run, command, rest),
            "host-load" => BenchCommand.Run(HostLoadCommand.Run, command, rest),
            "startup" => BenchCommand.Run(Speed.StartupCommand.Run, command, rest),
            "profile" => BenchCommand.Run(Profile.ProfileCommand.Run, command, rest),
            "calibrate-u2netp" => BenchCommand.Run(Quantize.CalibrateCommand.Run, command, rest),
            _ => Usage(command),
        };
    }

    private static int Usage(string? command)
    {
        if (command is not null) Console.Error.WriteLine($"unknown benchmark '{command}'");
        Console.Error.WriteLine("usage: Plugins.Benchmarks <kernels|quality|spots|seeds|speed|report|method|dewrinkle|memory|layers|end-to-end|stylize|restore|makeup|preview|host-load|startup|profile|calibrate-u2netp> [options] (see bench/README.md)");
        return command is null ? 0 : 2;
    }
}
