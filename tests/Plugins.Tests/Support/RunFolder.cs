namespace RetouchPlugins.Tests.Support;

/// <summary>
/// A folder of this test run's own for what the product keeps per user (the ORT cache, the JIT profiles): never the
/// user's ~/.cache, removed when the run ends. <see cref="PointAt"/> is called from a module initializer, so every
/// test, and every process a test starts (children inherit the variable, under Wine too), sees it.
/// </summary>
internal static class RunFolder
{
    /// <summary>The folder named <paramref name="name"/> of this test run.</summary>
    public static string For(string name) => Path.Combine(Path.GetTempPath(), $"retouch-tests-{name}-{Environment.ProcessId}");

    /// <summary>Sets <paramref name="variable"/> to <see cref="For"/>(<paramref name="name"/>) and deletes that folder when the run ends.</summary>
    public static void PointAt(string variable, string name)
    {
        var folder = For(name);
        Environment.SetEnvironmentVariable(variable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        };
    }
}
