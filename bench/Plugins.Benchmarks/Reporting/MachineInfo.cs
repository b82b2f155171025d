using System.Runtime.InteropServices;
using RetouchPlugins.Benchmarks.Imaging;

namespace RetouchPlugins.Benchmarks.Reporting;

/// <summary>The machine a run happened on, for the report's header.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGb, string Os, string Runtime, string Gmic, string HugePages = "not read")
{
    private const string HugePageSetting = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>The first <paramref name="fields"/> load averages (1, 5, 15 min) from /proc/loadavg, to judge how busy the machine was.</summary>
    public static string LoadAverage(int fields = 3)
    {
        try { return File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(fields)) : "unknown"; }
        catch (IOException) { return "unknown"; }
    }

    public static MachineInfo Current()
    {
        string cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        double memGb = double.TryParse(ReadField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kb) ? kb / 1024 / 1024 : 0;
        string gmic = "not installed";
        try
        {
            var (code, output) = GmicProcess.Run(["version"], TimeSpan.FromSeconds(20));
            var line = output.Split('\n').FirstOrDefault(l => l.Contains("Version"));
            if (code == 0 && line != null) gmic = System.Text.RegularExpressions.Regex.Replace(line, @"\x1b\[[0-9;]*m", "").Trim();
        }
        catch (Exception) { }
        return new MachineInfo(Environment.ProcessorCount, cpu, Math.Round(memGb, 1), RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, gmic, TransparentHugePages());
    }

    /// <summary>
    /// Linux's transparent huge page mode, the bracketed word of its setting: with "always" a 24 MP run faults about a
    /// seventh as many pages as with "madvise" (bench/OBSERVATIONS.md), so times from machines set differently differ.
    /// </summary>
    private static string TransparentHugePages()
    {
        try
        {
            var setting = File.Exists(HugePageSetting) ? File.ReadAllText(HugePageSetting) : null;
            var match = setting is null ? null : System.Text.RegularExpressions.Regex.Match(setting, @"\[(\w+)\]");
            return match is { Success: true } ? match.Groups[1].Value : "n/a";
        }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    private static string? ReadField(string file, string key)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }
}
