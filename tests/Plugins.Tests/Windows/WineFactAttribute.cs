namespace RetouchPlugins.Tests.Windows;

/// <summary>A test that runs Windows programs under Wine; skipped, with the reason, only where Wine is not installed (.ci/run installs it).</summary>
public sealed class WineFactAttribute : FactAttribute
{
    /// <summary>Debian's wine package puts the 64-bit loader here; there is no wine64 on PATH.</summary>
    public const string Wine64 = "/usr/lib/wine/wine64";

    public WineFactAttribute()
    {
        if (!File.Exists(Wine64)) Skip = $"Wine is not installed ({Wine64} is missing): apt-get install wine (.ci/run does this in CI)";
    }
}
