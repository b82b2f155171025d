namespace RetouchPlugins.Shared.IO;

/// <summary>An output file or folder that cannot be written; the message names it and says why.</summary>
public sealed class OutputLocationException(string path, string problem, Exception? inner = null)
    : IOException($"{path}: {problem}", inner)
{
    public string Path { get; } = path;
}

/// <summary>
/// Checks, before any work, that results can be written where they are asked to go: a photo is not processed for
/// minutes only to fail at the save. The check writes and removes a small file, because permissions, read-only
/// mounts and full disks show only when one tries.
/// </summary>
public static class OutputLocation
{
    /// <summary>The folder exists (it is created if needed) and a file can be created in it.</summary>
    public static void CheckFolder(string folder)
    {
        var full = System.IO.Path.GetFullPath(folder);
        if (File.Exists(full)) throw new OutputLocationException(folder, "is a file, not a folder; give a folder for the results");
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputLocationException(folder, $"cannot create the folder ({Reason(e, full)})", e);
        }
        Probe(folder, full);
    }

    /// <summary><paramref name="path"/> is not a folder, and its folder can take a new file.</summary>
    public static void CheckFile(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new OutputLocationException(path, "is a folder; give a file name for the result");
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (File.Exists(folder)) throw new OutputLocationException(path, $"cannot be written: {folder} is a file, not a folder");
        try { Directory.CreateDirectory(folder); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputLocationException(path, $"cannot create its folder ({Reason(e, folder)})", e);
        }
        Probe(path, folder);
    }

    private static void Probe(string shown, string folder)
    {
        // Named like AtomicFile's temporaries, so a batch's stale-temporary sweep removes it if a kill leaves it.
        var probe = System.IO.Path.Combine(folder, $".write-check.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputLocationException(shown, $"cannot write there ({Reason(e, probe)})", e);
        }
    }

    /// <summary>The system's reason without the path it quotes (the message already starts with the user's own).</summary>
    internal static string Reason(Exception e, string path)
    {
        var text = e.Message.Replace($" : '{path}'", "").Replace($"'{path}'", "the path").Replace(path, "the path").Trim();
        return text.TrimEnd('.');
    }
}
