using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Benchmarks.Reporting;

namespace RetouchPlugins.Benchmarks;

/// <summary>`report [--out DIR]`: REPORT.md from the quality.json and speed.json (and seeds.md, oracle.md and end-to-end.md, when there) of the last run in DIR.</summary>
public static class ReportCommand
{
    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        var quality = ResultFiles.Read<QualityResults>(Path.Combine(dir, ResultFiles.Quality));
        var speed = ResultFiles.Read<SpeedResults>(Path.Combine(dir, ResultFiles.Speed));
        if (quality == null && speed == null) throw new FileNotFoundException($"no {ResultFiles.Quality} or {ResultFiles.Speed} in {dir}: run `quality` and `speed` first");
        string path = Path.Combine(dir, ResultFiles.Report);
        string temp = path + ".tmp";
        string notes = Path.Combine(dir, "..", "OBSERVATIONS.md");
        var sections = new[] { SeedSpread.Report, ShapeOracle.Report, EndToEndCommand.Report }.Select(f => Path.Combine(dir, f)).Where(File.Exists).Select(File.ReadAllText).ToList();
        File.WriteAllText(temp, ReportWriter.Write(quality, speed, MachineInfo.Current(), File.Exists(notes) ? File.ReadAllText(notes) : null, sections));
        File.Move(temp, path, overwrite: true);
        Console.WriteLine($"report: {path}");
        return 0;
    }
}
