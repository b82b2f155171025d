using System.Runtime.InteropServices;
using RetouchPlugins.Benchmarks.Imaging;

namespace RetouchPlugins.Benchmarks.Reporting;

/// <summary>The machine a run happened on, for the report's header.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGb, string Os, string Runtime, string Gmic)
{
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
            RuntimeInformation.FrameworkDescription, gmic);
    }

    private static string? ReadField(string file, string key)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }
}
