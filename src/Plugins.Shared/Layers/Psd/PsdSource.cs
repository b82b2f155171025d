using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.IO;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// A Photoshop document kept as its file (or, for an upload, its bytes), so that layers can be put on top of it with
/// everything else it holds (layer masks, groups, adjustment and text layers, smart objects, paths, guides, ...) copied
/// byte for byte (<see cref="PsdAppender"/>). Rewriting it from its pixel layers (<see cref="LayerFile.Read"/>) would
/// keep only those. Reading decodes nothing but the header and the layer records; <see cref="Composite"/> decodes the
/// picture. The file is read in place each time, not held in memory: a PSB may be several gigabytes.
/// </summary>
public sealed class PsdSource
{
    private byte[]? _bytes; // an upload's, or a file's once saved back over (KeepOriginal); null: read from Path
    private string? _copy; // a file too large for one array, copied before it was first saved back over
    private readonly PsdLayout _layout;
    private readonly LayerDocument _info;
    private (long Length, DateTime Written)? _stamp; // null: read from memory (an upload), no file to save back into

    private PsdSource(string path, byte[]? bytes, LayerDocument info, PsdLayout layout, (long, DateTime)? stamp)
    {
        Path = path;
        _bytes = bytes;
        _info = info;
        _layout = layout;
        _stamp = stamp;
    }

    /// <summary>The file read, or an upload's name.</summary>
    public string Path { get; }
    public int Width => _info.Width;
    public int Height => _info.Height;
    public int BitsPerSample => _info.BitsPerSample;

    /// <summary>Whether the file is a large document (PSB): its layers go back into a .psb, a PSD's into a .psd.</summary>
    public bool IsLarge => _layout.Large;

    /// <summary>The extension a result keeps this document under (with its own layers, <see cref="WriteWithLayersOnTop"/>).</summary>
    public string Extension => IsLarge ? ".psb" : ".psd";

    /// <summary>What the file's layers hold beyond pixels ("layer masks", "layer groups", ...; see <see cref="LayerDocument.NotKept"/>).</summary>
    public IReadOnlySet<string> NotKept => _info.NotKept;

    /// <summary>
    /// Whether the file's merged image is the document's composite. Photoshop saves a blank one when its
    /// "Maximize PSD and PSB File Compatibility" preference is off.
    /// </summary>
    public bool HasComposite => _layout.HasRealComposite;

    public static PsdSource Read(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: file not found", full);
        var file = new FileInfo(full);
        if (file.Length == 0) throw new LayerFileException(full, "file is empty");
        using var stream = OpenFile(full);
        var (info, layout) = PsdReader.Read(stream, full, pixels: false);
        return new PsdSource(full, null, info, layout, (file.Length, file.LastWriteTimeUtc));
    }

    /// <summary>A document uploaded or otherwise held in memory; <paramref name="name"/> is for messages.</summary>
    public static PsdSource FromBytes(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new LayerFileException(name, "file is empty");
        var (info, layout) = PsdReader.Read(bytes, name, pixels: false);
        return new PsdSource(name, bytes, info, layout, null);
    }

    /// <summary>
    /// The picture as Photoshop shows it, straight RGBA: the file's merged image (masks, adjustments and effects
    /// applied) or, in a file saved without one, our composite of its layers when they hold nothing but pixels.
    /// </summary>
    public PlanarImage Composite()
    {
        var picture = Picture();
        return picture.Channels == 4 ? picture : Layer.ToRgba(picture);
    }

    /// <summary><see cref="Composite"/> without an alpha plane when the document has no transparency (no RGBA copy at 24 MP).</summary>
    private PlanarImage Picture()
    {
        if (!HasComposite)
        {
            if (NotKept.Count > 0)
                throw new ImageFileException(Path, ImageFileProblem.UnsupportedFormat,
                    $"has {string.Join(", ", NotKept)} but no composite image to retouch: it was saved with Photoshop's " +
                    "\"Maximize PSD and PSB File Compatibility\" off. Save it again with that preference on (Preferences > File Handling)");
            return LayerCompositor.Composite(Layers());
        }
        float[][] merged;
        using (var stream = Open()) merged = PsdReader.DecodeMerged(stream, _layout, Width, Height, BitsPerSample, Path);
        bool transparency = _layout.Count < 0 && _layout.Channels >= 4;
        var picture = new PlanarImage(Width, Height, transparency ? 4 : 3);
        for (int c = 0; c < picture.Channels; c++) merged[c].CopyTo(picture.Plane(c));
        if (transparency) WhiteMatte.Remove(picture);
        return picture;
    }

    /// <summary>The pixel layers, decoded (what <see cref="LayerFile.Read"/> gives).</summary>
    public LayerDocument Layers()
    {
        using var stream = Open();
        return PsdReader.Read(stream, Path);
    }

    /// <summary>The picture as a photo for the effects: <see cref="Composite"/> with the file's depth, profile and metadata.</summary>
    public ImageDocument ToImageDocument()
    {
        var pixels = LayerCompositor.WithoutOpaqueAlpha(Picture());
        return new ImageDocument(pixels, BitsPerSample, _info.IccProfile, _info.Exif, ImageFormat.Psd) { Xmp = _info.Xmp, Iptc = _info.Iptc, Photoshop = this };
    }

    /// <summary>
    /// Writes the document back over <see cref="Path"/> (a temporary file, then a rename) with <paramref name="added"/>
    /// on top of its own layers (a later save replaces what an earlier one added). Refused when another program changed
    /// the file since it was read: that change would be lost.
    /// </summary>
    public void SaveWithLayersOnTop(IReadOnlyList<Layer> added)
    {
        if (_stamp is null) throw new InvalidOperationException($"{Path} was not read from a file; write it with {nameof(WriteWithLayersOnTop)}");
        var now = new FileInfo(Path);
        if (!now.Exists || (now.Length, now.LastWriteTimeUtc) != _stamp)
            throw new LayerFileException(Path, "was changed by another program after it was opened; nothing was written, so that change is kept");
        KeepOriginal();
        WriteWithLayersOnTop(added, Path);
        now.Refresh();
        _stamp = (now.Length, now.LastWriteTimeUtc);
    }

    /// <summary>Writes the document with <paramref name="added"/> on top of its own layers to <paramref name="path"/>, atomically.</summary>
    public void WriteWithLayersOnTop(IReadOnlyList<Layer> added, string path)
        => AtomicFile.Write(path, output =>
        {
            using var source = Open(); // closed before the rename over it (Windows refuses to replace an open file)
            PsdAppender.Write(source, _layout, _info, Composite, added, output, Path);
        });

    /// <summary>
    /// The document's bytes as first read: the file (or its copy), or the bytes held. The file read again must be the one
    /// read first: where its parts lie was taken from it, and another program's save in the meantime would make the
    /// copy garbage.
    /// </summary>
    private Stream Open()
    {
        if (_bytes is not null) return new MemoryStream(_bytes, writable: false);
        if (_copy is not null) return OpenFile(_copy);
        var stream = OpenFile(Path);
        var now = new FileInfo(Path);
        if ((now.Length, now.LastWriteTimeUtc) == _stamp) return stream;
        stream.Dispose();
        throw new LayerFileException(Path, "was changed by another program while it was being retouched; nothing was written from it, open it again");
    }

    /// <summary>
    /// Every save builds on the document as first read (a later save replaces what an earlier one added, and the picture
    /// retouched is the file's own), so it is kept before the file is first replaced: in memory, as it was always held
    /// before documents were read in place, or, when larger than one array, as a copy in the temporary folder.
    /// </summary>
    private void KeepOriginal()
    {
        if (_bytes is not null || _copy is not null) return;
        long length = new FileInfo(Path).Length;
        if (length <= Array.MaxLength) { _bytes = File.ReadAllBytes(Path); return; }
        var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"retouch-original-{Guid.NewGuid():N}{Extension}");
        File.Copy(Path, copy);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(copy);
        _copy = copy;
    }

    private static FileStream OpenFile(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
}
