using RetouchPlugins.Shared.IO;
using RetouchPlugins.Shared.Layers.Ora;
using RetouchPlugins.Shared.Layers.Psd;
using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// Reads and writes layered files, choosing the format from the extension: .ora (OpenRaster), .psd
/// (Photoshop), .psb (Photoshop's large document format) or .tif/.tiff (multi-page TIFF). Writes are atomic: a temporary file in the same folder is
/// renamed over the target only once complete, so an existing file is never left half-overwritten.
/// </summary>
public static class LayerFile
{
    public static readonly IReadOnlyList<string> Extensions = [".ora", ".psd", ".psb", ".tif", ".tiff"];

    public static bool IsSupported(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static void Write(LayerDocument document, string path) => Write(document, path, stream => stream);

    /// <summary>Tests pass a wrapper that fails part-way to prove the target survives a failed write.</summary>
    internal static void Write(LayerDocument document, string path, Func<Stream, Stream> wrap)
    {
        ArgumentNullException.ThrowIfNull(document);
        var format = FormatOf(path);
        AtomicFile.Write(path, raw =>
        {
            var stream = wrap(raw);
            switch (format)
            {
                case ".ora": OraWriter.Write(document, stream); break;
                case ".psd": PsdWriter.Write(document, stream); break;
                case ".psb": PsdWriter.Write(document, stream, large: true); break;
                default:
                    TiffWriter.Write(document, stream);
                    if (document.Exif is { } exif && stream.CanRead) Imaging.TiffExif.AddTo(stream, Imaging.ExifOrientation.With(exif, 1));
                    break;
            }
            stream.Flush();
        });
    }

    public static LayerDocument Read(string path)
    {
        var format = FormatOf(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) throw new LayerFileException(path, "file is empty");
        return format switch
        {
            ".ora" => OraReader.Read(stream, path),
            ".psd" or ".psb" => PsdReader.Read(stream, path), // the header says which
            _ => TiffReader.Read(stream, path),
        };
    }

    private static string FormatOf(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".ora" or ".psd" or ".psb" => ext,
            ".tif" or ".tiff" => ".tif",
            _ => throw new ArgumentException($"{path}: unknown layered format '{ext}'; use .ora, .psd, .psb, .tif or .tiff", nameof(path)),
        };
    }
}
