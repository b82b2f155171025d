using System.Text;
using System.Text.RegularExpressions;

namespace RetouchPlugins.Tests.Installer;

/// <summary>
/// A fresh Wine 8 prefix in a temporary folder, for one installer scenario: Debian's wine (binary /usr/lib/wine/wine64),
/// WINEDEBUG=-all, created with <c>wineboot -i</c>. Wine's menu builder is switched off, so the Start-menu shortcut writes
/// nothing outside the prefix (mscoree must stay on: Wine routes every .NET image through it). Disposing stops this prefix's wineserver and deletes it.
/// </summary>
internal sealed partial class WinePrefix : IDisposable
{
    public const string Wine = "/usr/lib/wine/wine64";
    public const string WineServer = "/usr/lib/wine/wineserver";
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromMinutes(5);

    public string Root { get; }
    public string DriveC => Path.Combine(Root, "drive_c");
    private string Home => Root + "-home";
    private readonly Dictionary<string, string> _environment;

    public WinePrefix(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), $"retouch-wine-{name}-{Guid.NewGuid():N}");
        // Wine links the prefix's Desktop, Documents, ... to folders of $HOME; a home of its own keeps the scenario
        // apart from the real one (other programs write there while the test runs).
        Directory.CreateDirectory(Home);
        _environment = new()
        {
            ["WINEPREFIX"] = Root,
            ["HOME"] = Home,
            ["WINEDEBUG"] = "-all",
            ["WINEDLLOVERRIDES"] = "winemenubuilder.exe=d",
            // .NET's write-xor-execute double mapping of JIT code breaks under Wine 8 (an "Internal CLR error" when a
            // dynamic method is freed); Windows needs no such setting. Only the test's processes get it.
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        Boot();
        Flush();
    }

    /// <summary>
    /// <c>wineboot -i</c>, tried up to three times on a fresh prefix folder: one full test run here had it exit 53 after
    /// 2 s with nothing on stderr while other Wine scenarios started beside it, and it passed on its own right after.
    /// </summary>
    private void Boot()
    {
        ToolResult r = null!;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            r = InstallerTool.Run(Wine, ["wineboot", "-i"], TimeSpan.FromMinutes(3), _environment);
            if (r.ExitCode == 0) return;
            try { InstallerTool.Run(WineServer, ["-k"], TimeSpan.FromMinutes(1), _environment); } catch (Exception) { /* none running */ }
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* wineboot makes it again */ }
            Thread.Sleep(TimeSpan.FromSeconds(attempt));
        }
        throw new InvalidOperationException(r.Describe("wine wineboot -i (3 tries)"));
    }

    /// <summary>A Unix path inside the prefix for a Windows path on C: (C:\a\b → drive_c/a/b).</summary>
    public string Unix(string windowsPath)
    {
        if (!windowsPath.StartsWith(@"C:\", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{windowsPath}: not on drive C:");
        return Path.Combine(DriveC, windowsPath[3..].Replace('\\', '/'));
    }

    public ToolResult Run(params string[] args) => InstallerTool.Run(Wine, args, ProgramTimeout, _environment);

    /// <summary>Writes a string value in the 64-bit registry view.</summary>
    public void SetRegistryString(string key, string name, string value) =>
        InstallerTool.RunOk(Wine, ["reg", "add", key, "/v", name, "/t", "REG_SZ", "/d", value, "/f", "/reg:64"], ProgramTimeout, _environment);

    /// <summary>A value from the 64-bit registry view, or null when reg says the key or value is absent.</summary>
    public string? RegistryValue(string key, string name)
    {
        var r = RegQuery([key, "/v", name]);
        if (r is null) return null;
        var m = Regex.Match(r.Output, $@"^\s*{Regex.Escape(name)}\s+REG_\w+\s+(.*?)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return m.Success ? m.Groups[1].Value : null;
    }

    public bool RegistryKeyExists(string key) => RegQuery([key]) is not null;

    /// <summary>Every value of a key as reg lists it (for a failure message), or a line saying it is absent.</summary>
    public string RegistryListing(string key) => RegQuery([key])?.Output.Trim() ?? $"{key}: absent";

    /// <summary>
    /// <c>reg query ARGS /reg:64</c>: its result, or null when reg says the key or value does not exist. Any other
    /// failure (a Wine process that did not start under load; one CI run read a value as absent that was there) is
    /// tried twice more and then thrown, so "absent" is only ever reg's own answer.
    /// </summary>
    private ToolResult? RegQuery(string[] args)
    {
        ToolResult r = null!;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            r = InstallerTool.Run(Wine, ["reg", "query", .. args, "/reg:64"], ProgramTimeout, _environment);
            if (r.ExitCode == 0) return r;
            if ((r.Output + r.Error).Contains("Unable to find the specified registry", StringComparison.OrdinalIgnoreCase)) return null;
            Thread.Sleep(TimeSpan.FromSeconds(attempt));
        }
        throw new InvalidOperationException(r.Describe($"wine reg query {string.Join(' ', args)} (3 tries)"));
    }

    /// <summary>The system PATH as the registry holds it (what WriteEnvironmentStrings changes).</summary>
    public string? SystemPath() => RegistryValue(@"HKLM\System\CurrentControlSet\Control\Session Manager\Environment", "Path");

    /// <summary>Waits until the wineserver of this prefix has exited, so system.reg and user.reg are written to disk.</summary>
    public void Flush() => InstallerTool.Run(WineServer, ["-w"], TimeSpan.FromMinutes(2), _environment);

    /// <summary>The registry files' text (after <see cref="Flush"/>): the whole machine and user hives.</summary>
    public string RegistryText()
    {
        Flush();
        return File.ReadAllText(Path.Combine(Root, "system.reg"), Encoding.UTF8) + File.ReadAllText(Path.Combine(Root, "user.reg"), Encoding.UTF8);
    }

    /// <summary>Every file and folder under C:, relative, for a before/after comparison. Links (Wine links the
    /// profile's Desktop, Documents, ... to the home folder) are listed, never followed.</summary>
    public SortedSet<string> DriveCEntries()
    {
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(DriveC)]);
        while (pending.TryPop(out var dir))
            foreach (var entry in dir.EnumerateFileSystemInfos())
            {
                entries.Add(Path.GetRelativePath(DriveC, entry.FullName));
                if (entry is DirectoryInfo sub && entry.LinkTarget is null) pending.Push(sub);
            }
        return entries;
    }

    public void Dispose()
    {
        try { InstallerTool.Run(WineServer, ["-k"], TimeSpan.FromMinutes(1), _environment); } catch (Exception) { /* nothing was running */ }
        foreach (var dir in new[] { Root, Home })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* a temp folder; the OS cleans it */ }
    }
}
