using System.Text;

namespace RetouchPlugins.Benchmarks;

/// <summary>Machine description and report placement shared by the benchmark families.</summary>
internal static class BenchReport
{
    public static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }

    public static string MachineLine()
        => $"{CpuModel()}, {Environment.ProcessorCount} logical cores visible, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
           $"Vector<float> = {System.Numerics.Vector<float>.Count} lanes";

    /// <summary>bench/results/ of the checkout this binary was built from (found by walking up to the solution file).</summary>
    public static string ResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RetouchPlugins.sln")))
                return Path.Combine(dir.FullName, "bench", "results");
        return Path.Combine(Environment.CurrentDirectory, "bench", "results");
    }

    /// <summary>Writes to a temporary file beside the target, then renames it over the target.</summary>
    public static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
