using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Methods;
using RetouchPlugins.Benchmarks.Speed;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `end-to-end [--retouch PATH] [--repeat 5] [--out DIR]`: the whole command a user types, ours against G'MIC's, on the
/// same JPEG: `retouch skin IN.jpg -o OUT.jpg` and `gmic IN.jpg fx_smooth_skin ... o OUT.jpg,95`, each a fresh process
/// under /usr/bin/time (start, model loading, decode, analysis, render, encode and exit all counted, as issue 13's own
/// measurement did). The speed run's rows are in-process times after a warm-up (what the web host and Paint.NET see);
/// these are what one command on one photo costs. The two alternate, best of the repetitions each. Writes end-to-end.md.
/// </summary>
public static class EndToEndCommand
{
    /// <summary>The table's file in the results folder (the report quotes it as a section).</summary>
    public const string Report = "end-to-end.md";

    /// <param name="NoProfile">Best of the same command without a JIT profile (RETOUCH_JIT_PROFILE=off): what the first command of a new build pays.</param>
    public sealed record Row(string Size, int Width, int Height, double Ours, double OursPeakMb, double NoProfile, double Gmic, double GmicPeakMb, int Runs)
    {
        public double Ratio => Gmic / Ours;
    }

    /// <summary>A shoot of <see cref="ShootPhotos"/> different 24 MP close-ups: one `retouch batch` against G'MIC once per photo.</summary>
    public sealed record ShootRow(int Photos, double Ours, double OursPeakMb, string Workers, double Gmic, double GmicPeakMb, int Runs)
    {
        public double Ratio => Gmic / Ours;
    }

    /// <summary>
    /// The same command with `retouch worker start` running (a script or another program calling `retouch skin` once per
    /// photo): best of the runs after one warm-up per photo, the worker's peak RSS over all of them, G'MIC's time from <see cref="Row"/>.
    /// </summary>
    public sealed record WorkerRow(string Size, double Ours, double Median, double Gmic, int Runs)
    {
        public double Ratio => Gmic / Ours;
    }

    /// <summary>
    /// The shoot's photos as moves of the close-up's crop (and a mirror), so no two share an analysis; four, enough that
    /// what a batch keeps between photos would show in its peak.
    /// </summary>
    private static readonly (int Dx, int Dy, bool Mirror)[] Shoot = [(0, 0, false), (0, 0, true), (-10, -10, false), (10, 10, false)];

    /// <summary>How many photos the shoot has.</summary>
    public static int ShootPhotos => Shoot.Length;

    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        string retouch = args.Option("retouch") ?? Path.Combine(AppContext.BaseDirectory, "retouch");
        if (!File.Exists(retouch)) throw new FileNotFoundException($"{retouch}: no such executable (build src/Plugins.Standalone, or pass --retouch PATH)", retouch);
        int repeat = int.Parse(args.Option("repeat", "5"), CultureInfo.InvariantCulture);
        string work = Path.Combine(Path.GetTempPath(), $"bench-end-to-end-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        string load = Reporting.MachineInfo.LoadAverage();
        // The run's own JIT profiles (Standalone's JitProfile): its first command records them, the later ones play them back,
        // as a user's commands after the first do; none of the user's own profiles is read or replaced.
        string jitProfiles = "RETOUCH_JIT_PROFILE=" + Path.Combine(work, "jit-profiles");
        var started = DateTime.UtcNow;
        try
        {
            var rows = new List<Row>();
            var inputs = Inputs(BenchSetup.Photos()[0], work).ToList();
            foreach (var (name, w, h, input) in inputs)
            {
                var ours = new List<ChildMeasurement>();
                var gmic = new List<ChildMeasurement>();
                var noProfile = new List<ChildMeasurement>();
                string[] command = [retouch, "skin", input, "-o", Path.Combine(work, "out-ours.jpg")];
                for (int k = 0; k < repeat; k++)
                {
                    ours.Add(ChildProcess.Measure(["env", "RETOUCH_WORKER=off", jitProfiles, .. command], TimeSpan.FromMinutes(5)));
                    gmic.Add(ChildProcess.Measure(["gmic", .. GmicSmoothSkin.Arguments(input, Path.Combine(work, "out-gmic.jpg,95"))], TimeSpan.FromMinutes(5)));
                    if (k < Math.Min(repeat, 3))
                        noProfile.Add(ChildProcess.Measure(["env", "RETOUCH_WORKER=off", "RETOUCH_JIT_PROFILE=off", .. command], TimeSpan.FromMinutes(5)));
                }
                var row = new Row(name, w, h, ours.Min(m => m.WallSeconds), ours.Max(m => m.PeakMegabytes), noProfile.Min(m => m.WallSeconds),
                    gmic.Min(m => m.WallSeconds), gmic.Max(m => m.PeakMegabytes), repeat);
                rows.Add(row);
                Console.WriteLine($"end-to-end {name}: ours {row.Ours:F2} s ({row.OursPeakMb:F0} MB; {row.NoProfile:F2} s without a JIT profile), G'MIC {row.Gmic:F2} s ({row.GmicPeakMb:F0} MB): {row.Ratio:F1}x");
            }
            var (warm, workerPeakMb) = MeasureWorker(retouch, inputs, rows, work, repeat, jitProfiles);
            var shoot = MeasureShoot(retouch, BenchSetup.Photos()[0], work, Math.Min(repeat, 2), jitProfiles);
            Console.WriteLine($"end-to-end shoot of {shoot.Photos}: ours {shoot.Ours:F2} s ({shoot.OursPeakMb:F0} MB, {shoot.Workers}), G'MIC {shoot.Gmic:F2} s: {shoot.Ratio:F1}x");
            File.WriteAllText(Path.Combine(dir, Report), Table(rows, warm, workerPeakMb, shoot, started, load, repeat, Describe(retouch)));
        }
        finally { Directory.Delete(work, recursive: true); }
        return 0;
    }

    /// <summary>The speed run's close-up set (the same crop, Lanczos) and its 24 MP group size, written as JPEG q95 by G'MIC.</summary>
    private static IEnumerable<(string Name, int W, int H, string Path)> Inputs(string photo, string work)
    {
        foreach (var megapixels in SpeedRun.CloseUpMegapixels) yield return SpeedRun.WriteCloseUp(photo, work, megapixels, "jpg");
        string group = Path.Combine(work, "group-6000x4000.jpg");
        GmicProcess.RunOrThrow(["-v", "-1", photo, "r", "6000,4000,1,3,5", "c", "0,255", "o", group + ",95"], TimeSpan.FromMinutes(3));
        yield return ("group 24 MP", 6000, 4000, group);
    }

    /// <summary>
    /// Each photo's command handed to a warm worker of the same `retouch` (`retouch worker start`, its socket in a folder of
    /// the run's own): one warm-up run per photo, then <paramref name="repeat"/> back to back (a script's pace; the worker
    /// keeps the last run's memory for 20 s). The worker's peak RSS is read from /proc before it is stopped.
    /// </summary>
    private static (List<WorkerRow> Rows, double PeakMb) MeasureWorker(string retouch, List<(string Name, int W, int H, string Path)> inputs,
        List<Row> cold, string work, int repeat, string jitProfiles)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the worker row reads the worker's peak from /proc");
        string folder = Path.Combine(work, "worker");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] env = ["env", "RETOUCH_WORKER_DIR=" + folder, jitProfiles];
        var started = ProcessRunner.Run("env", [.. env[1..], retouch, "worker", "start"], TimeSpan.FromMinutes(2), "retouch worker start");
        var pid = System.Text.RegularExpressions.Regex.Match(started.Stdout, @"pid (\d+)");
        if (started.ExitCode != 0 || !pid.Success) throw new InvalidOperationException($"retouch worker start failed: {started.Stderr}{started.Stdout}");
        var rows = new List<WorkerRow>();
        double peakMb;
        try
        {
            foreach (var (name, _, _, input) in inputs)
            {
                string[] command = [.. env, retouch, "skin", input, "-o", Path.Combine(work, "out-worker.jpg")];
                var first = ChildProcess.Measure(command, TimeSpan.FromMinutes(5));
                if (!first.Output.Contains("warm worker", StringComparison.Ordinal))
                    throw new InvalidOperationException($"the command did not run in the worker: {first.Output}");
                var runs = Enumerable.Range(0, repeat).Select(_ => ChildProcess.Measure(command, TimeSpan.FromMinutes(5)).WallSeconds).Order().ToList();
                var row = new WorkerRow(name, runs[0], runs[runs.Count / 2], cold.Single(r => r.Size == name).Gmic, repeat);
                rows.Add(row);
                Console.WriteLine($"end-to-end {name} with the worker: ours {row.Ours:F2} s (median {row.Median:F2}), G'MIC {row.Gmic:F2} s: {row.Ratio:F1}x");
            }
            peakMb = File.ReadLines($"/proc/{pid.Groups[1].Value}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
                .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();
        }
        finally
        {
            ProcessRunner.Run("env", [.. env[1..], retouch, "worker", "stop"], TimeSpan.FromMinutes(1), "retouch worker stop");
        }
        return (rows, peakMb);
    }

    /// <summary>
    /// A photographer's selects: <see cref="Shoot"/>'s 24 MP close-ups, each a little different, retouched by one
    /// `retouch batch IN -o OUT` (default jobs) and by G'MIC once per photo in a shell loop; wall time of the whole
    /// command, best of <paramref name="repeat"/>.
    /// </summary>
    private static ShootRow MeasureShoot(string retouch, string photo, string work, int repeat, string jitProfiles)
    {
        string input = Directory.CreateDirectory(Path.Combine(work, "shoot")).FullName;
        var files = new List<string>();
        foreach (var (dx, dy, mirror) in Shoot)
        {
            string path = Path.Combine(input, $"select-{files.Count + 1}.jpg");
            SpeedRun.CutCloseUp(photo, path, 24, dx, dy, mirror);
            files.Add(path);
        }
        string gmicLoop = "for f in \"$@\"; do gmic -v -1 \"$f\" fx_smooth_skin " + GmicSmoothSkin.Parameters + " o \"$f.gmic.jpg\",95 || exit 1; done";
        var ours = new List<ChildMeasurement>();
        var gmic = new List<ChildMeasurement>();
        for (int k = 0; k < repeat; k++)
        {
            string output = Path.Combine(work, $"shoot-out-{k}");
            ours.Add(ChildProcess.Measure(["env", jitProfiles, retouch, "batch", input, "-o", output], TimeSpan.FromMinutes(10)));
            Directory.Delete(output, recursive: true);
            gmic.Add(ChildProcess.Measure(["sh", "-c", gmicLoop, "sh", .. files], TimeSpan.FromMinutes(10)));
            foreach (var f in files) File.Delete(f + ".gmic.jpg");
        }
        var best = ours.MinBy(m => m.WallSeconds)!;
        var workers = System.Text.RegularExpressions.Regex.Match(best.Output, @"\((\d+) worker\(s\)\)") is { Success: true } m
            ? $"{m.Groups[1].Value} job(s)" : "jobs unknown";
        return new ShootRow(ShootPhotos, best.WallSeconds, ours.Max(x => x.PeakMegabytes), workers,
            gmic.Min(x => x.WallSeconds), gmic.Max(x => x.PeakMegabytes), repeat);
    }

    /// <summary>
    /// Which `retouch` was timed: its path and whether its start-up assembly is ready-to-run (bench/run.sh times
    /// scripts/publish-linux.sh's publish, precompiled as the installer's; the bench's own copy is the IL build).
    /// </summary>
    private static string Describe(string retouch)
    {
        var dll = Path.ChangeExtension(retouch, ".dll");
        bool readyToRun = false;
        if (File.Exists(dll))
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(dll));
            readyToRun = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        }
        var shown = Path.GetRelativePath(Environment.CurrentDirectory, retouch);
        return readyToRun
            ? $"`{shown}`, start-up assemblies ready-to-run (scripts/publish-linux.sh, as the installer's publish; the pixel code JIT-compiled)"
            : $"`{shown}`, all assemblies JIT-compiled (a development build)";
    }

    private static string Table(List<Row> rows, List<WorkerRow> warm, double workerPeakMb, ShootRow shoot, DateTime started, string load, int repeat,
        string retouch)
    {
        var s = new StringBuilder();
        s.AppendLine("# One command on one photo: `retouch skin` against G'MIC, whole processes");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Written by `Plugins.Benchmarks end-to-end` on {started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; load average {load} at the start, {Reporting.MachineInfo.LoadAverage()} at the end.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"The `retouch` timed: {retouch}.");
        s.AppendLine();
        s.AppendLine("Each photo is a JPEG (q95) made from sample1.jpg as the speed run makes its sizes. Ours: `retouch skin IN.jpg -o OUT.jpg`");
        s.AppendLine("(defaults; the optimised-model cache and the JIT profile as a user's second run finds them). G'MIC: `gmic IN.jpg fx_smooth_skin " + GmicSmoothSkin.Parameters + " o OUT.jpg,95`.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Wall time of the whole process (start, loading, decode, work, encode, exit) under /usr/bin/time, the two alternating, best of {repeat}; peak RSS the largest.");
        s.AppendLine(CultureInfo.InvariantCulture, $"\"Without a JIT profile\": the same command with `RETOUCH_JIT_PROFILE=off`, best of {Math.Min(repeat, 3)} (the first command after installing or updating).");
        s.AppendLine("The speed run's table (REPORT.md's speed section) times analysis + render inside a warmed process instead: what a long-lived host");
        s.AppendLine("(the web host, Paint.NET, a batch after its first photo) pays per photo.");
        s.AppendLine();
        s.AppendLine("| photo | pixels | ours (s) | ours peak (MB) | G'MIC (s) | G'MIC peak (MB) | G'MIC time / ours | ours without a JIT profile (s) | G'MIC / that |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Size} | {r.Width}x{r.Height} | {r.Ours:F2} | {r.OursPeakMb:F0} | {r.Gmic:F2} | {r.GmicPeakMb:F0} | {r.Ratio:F1}x | {r.NoProfile:F2} | {r.Gmic / r.NoProfile:F1}x |");
        s.AppendLine();
        s.AppendLine("The same commands with `retouch worker start` running (a script or another program calling `retouch skin` once per photo):");
        s.AppendLine(CultureInfo.InvariantCulture, $"each command hands its run to the warm worker and relays its output. One warm-up command per photo, then {repeat} back to");
        s.AppendLine(CultureInfo.InvariantCulture, $"back, best and median; the whole client command's wall time. The worker's peak RSS over all of them: {workerPeakMb:F0} MB (the commands themselves about 50 MB).");
        s.AppendLine();
        s.AppendLine("| photo | ours with the worker (s) | median (s) | G'MIC (s) | G'MIC time / ours |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in warm)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Size} | {r.Ours:F2} | {r.Median:F2} | {r.Gmic:F2} | {r.Ratio:F1}x |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"A shoot: {shoot.Photos} different 24 MP close-ups (the crop above, moved by 10 px or mirrored), all retouched by one");
        s.AppendLine("`retouch batch IN -o OUT` (default jobs) against G'MIC's command once per photo in a shell loop; whole commands, best of");
        s.AppendLine(CultureInfo.InvariantCulture, $"{shoot.Runs}, peak RSS the largest (for G'MIC its largest process).");
        s.AppendLine();
        s.AppendLine("| shoot | ours (s) | ours per photo (s) | ours peak (MB) | G'MIC (s) | G'MIC per photo (s) | G'MIC peak (MB) | G'MIC time / ours |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| {shoot.Photos} x close-up 24 MP, {shoot.Workers} | {shoot.Ours:F2} | {shoot.Ours / shoot.Photos:F2} | {shoot.OursPeakMb:F0} | {shoot.Gmic:F2} | {shoot.Gmic / shoot.Photos:F2} | {shoot.GmicPeakMb:F0} | {shoot.Ratio:F1}x |");
        return s.ToString();
    }
}
