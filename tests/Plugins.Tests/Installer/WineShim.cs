using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Installer;

/// <summary>
/// The test-only bcryptprimitives.dll (WineShim/bcryptprimitives.c: ProcessPrng over RtlGenRandom), built with
/// mingw-w64 as a DLL without a C runtime. Wine 8 has no bcryptprimitives.dll and libvips-42.dll imports ProcessPrng
/// from it; the tests put this one in the prefix's system32. It is never part of the product or the MSI.
/// </summary>
internal static class WineShim
{
    public const string FileName = "bcryptprimitives.dll";

    public static string Build(string outputDirectory)
    {
        var source = Path.Combine(Repository.Root, "tests", "Plugins.Tests", "Installer", "WineShim");
        Directory.CreateDirectory(outputDirectory);
        var dll = Path.Combine(outputDirectory, FileName);
        InstallerTool.RunOk("x86_64-w64-mingw32-gcc",
            ["-O2", "-Wall", "-Werror", "-shared", "-nostdlib", "-Wl,--entry,ShimEntry", "-o", dll,
             Path.Combine(source, "bcryptprimitives.c"), Path.Combine(source, "bcryptprimitives.def"), "-ladvapi32", "-lkernel32"],
            TimeSpan.FromMinutes(2));
        return dll;
    }
}
