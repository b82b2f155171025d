namespace RetouchPlugins.Standalone.Worker;

/// <summary>
/// Where this build's worker listens: a Unix domain socket in a folder only this user can enter
/// ($XDG_RUNTIME_DIR/retouch, else retouch-USER in the temp folder, mode 0700; %LOCALAPPDATA%\RetouchPlugins\worker
/// on Windows), named after the build: the application folder and the size and time of every assembly and plugin in
/// it. A rebuilt or updated retouch therefore never talks to a worker running older code; that worker idles out.
/// </summary>
internal sealed record WorkerAddress(string Folder, string SocketPath)
{
    /// <summary>Set to a folder to keep the worker's socket there instead (tests, a studio's own layout).</summary>
    public const string FolderVariable = "RETOUCH_WORKER_DIR";

    /// <summary>
    /// Set to "off" (or 0) and the commands always run in their own process, even when a worker is running; "auto" and an
    /// effect command that found no worker starts one for the next command once it has finished.
    /// </summary>
    public const string SwitchVariable = "RETOUCH_WORKER";

    /// <summary>The worker's log (what `worker start` could not show: its own failures).</summary>
    public string LogPath => Path.ChangeExtension(SocketPath, ".log");

    public static bool Disabled => Environment.GetEnvironmentVariable(SwitchVariable) is "off" or "0";

    public static bool StartsItself => Environment.GetEnvironmentVariable(SwitchVariable) is "auto";

    /// <summary>
    /// This build's address, or null when no private folder can be had (then no worker is used). <paramref name="create"/>:
    /// make the folder when it is missing (the worker's commands); a command looking for a worker leaves no folder behind.
    /// </summary>
    public static WorkerAddress? ForApplication(bool create) => For(AppContext.BaseDirectory, Environment.GetEnvironmentVariable(FolderVariable), create);

    internal static WorkerAddress? For(string applicationFolder, string? folder, bool create = true)
    {
        folder = string.IsNullOrEmpty(folder) ? DefaultFolder() : folder;
        if (!create && !Directory.Exists(folder)) return null;
        if (!PrivateFolder(folder)) return null;
        return new WorkerAddress(folder, Path.Combine(folder, $"worker-{BuildIdentity.Of(applicationFolder)}.sock"));
    }

    private static string DefaultFolder()
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RetouchPlugins", "worker");
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return string.IsNullOrEmpty(runtime) || !Directory.Exists(runtime)
            ? Path.Combine(Path.GetTempPath(), "retouch-" + Environment.UserName)
            : Path.Combine(runtime, "retouch");
    }

    /// <summary>
    /// Creates the folder for this user alone, or checks that it is: a socket in a folder others can write to could be
    /// swapped for theirs. On Windows the folder is under the user's profile.
    /// </summary>
    private static bool PrivateFolder(string folder)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
                return true;
            }
            const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, owner);
            return File.GetUnixFileMode(folder) == owner;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
