using RetouchPlugins.Benchmarks.Dewrinkle;

namespace RetouchPlugins.Benchmarks;

/// <summary>`dewrinkle [--out DIR] [--photos DIR] [--only NAME] [--seed N] [--speed no]`: the synthetic-fold benchmark of the garment de-wrinkle.</summary>
public static class DewrinkleCommand
{
    public static int Run(CommandLine args)
    {
        string dir = Path.Combine(args.ResultsDirectory(), "dewrinkle");
        var photos = BenchSetup.Photos(args.Option("photos"));
        if (args.Option("only") is { } only) photos = photos.Where(p => Path.GetFileNameWithoutExtension(p) == only).ToList();
        IDewrinkleMethod[] methods = args.Option("methods") == "ours"
            ? [new OurDewrinkle()]
            : [new OurDewrinkle(), new GmicSmoothing(), new GuidedSmoothing()];
        using var source = new Quality.PortraitAnalyzerSource();
        var scores = new DewrinkleRun(source, methods, args.Option("seed", DewrinkleRun.DefaultSeed)).Run(photos, dir, Console.Out);
        (int, int, double, double)? speed = args.Option("speed") == "no" ? null : DewrinkleSpeed.Measure(photos[0], Console.Out);
        DewrinkleReport.Write(Path.Combine(dir, "REPORT.md"), scores, methods, speed);
        return 0;
    }
}
