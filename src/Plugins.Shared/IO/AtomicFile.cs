namespace RetouchPlugins.Shared.IO;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one, never a half-written
/// one: the content goes to a temporary file in the same folder, which is then renamed over the target.
/// If writing fails, the temporary file is removed and the existing output is untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through a stream.</summary>
    public static void Write(string path, Action<Stream> write)
        => WriteVia(path, temp =>
        {
            // Read too: a TIFF writer goes back to its first IFD to add the EXIF (TiffExif).
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>Lets a native writer (e.g. libvips) write the temporary file by name.</summary>
    /// <param name="extension">kept on the temporary name because some writers pick the format from it.</param>
    public static void WriteVia(string path, Action<string> writeTemporary, string? extension = null)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{extension ?? Path.GetExtension(full)}");
        try
        {
            writeTemporary(temp);
            if (!File.Exists(temp)) throw new IOException($"{path}: writing produced no file");
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e.Message.Contains(temp, StringComparison.Ordinal)
                                  && !e.Message.StartsWith($"{path}: ", StringComparison.Ordinal))
        {
            // The system names the temporary file, which the user never asked for: name the output instead.
            throw new OutputLocationException(path, $"cannot write the file ({OutputLocation.Reason(e, temp)})", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
