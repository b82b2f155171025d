using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// The file an editor handed over (`retouch open FILE`, the "edit in external editor" round trip) and how the
/// result goes back into it, atomically and in its own format: a layered PSD, ORA or layered TIFF keeps its
/// layers and gains the result and the masks above them; a flat TIFF gets the result as its image (or layers
/// when asked); a flat JPEG, PNG or WebP gets the result. Depth, ICC profile and EXIF are kept.
/// </summary>
public sealed class LaunchFile
{
    private LaunchFile(string path, ImageDocument document)
    {
        Path = path;
        Document = document;
    }

    public string Path { get; }
    /// <summary>What the effects render on: the photo, or the visible composite of a layered file.</summary>
    public ImageDocument Document { get; }
    public bool Layered => Document.Layers is not null || Document.Photoshop is not null;

    public static LaunchFile Open(string path, long maxPixels)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such file", full);
        // Save writes back into this file: refuse one we can read but not write (AVIF, GIF) now, not after the edit.
        if (!EffectOutput.IsWritable(full))
            throw new ImageFileException(full, ImageFileProblem.UnsupportedFormat,
                $"the result cannot be written back into a '{System.IO.Path.GetExtension(full)}' file; save a copy as .tif, .png or .jpg and open that");
        if (!LayeredPhoto.IsOpenRaster(full) && !LayeredPhoto.IsMultiPageTiff(full) && ImageFile.HasPhotoshopLayers(full))
            throw new ImageFileException(full, ImageFileProblem.UnsupportedFormat,
                "has Photoshop layers saved inside the TIFF, which writing the result back would drop (only its flat image is read); " +
                "save it as a PSD and open that, or flatten it first");
        // A PSD, an .ora or a layered TIFF comes with its layers (ImageFile reads them); the result goes back on top of them.
        var document = ImageFile.Load(full, new ImageLoadOptions { MaxPixels = maxPixels });
        return new LaunchFile(full, document);
    }

    /// <summary>Writes <paramref name="render"/> back to <see cref="Path"/> (temporary file, then rename).</summary>
    public void Save(RenderRecord render, bool tiffLayers)
    {
        if (render.Preview) throw ApiException.Conflict("a preview is screen-sized; render at full resolution before saving");
        // The editor's own layers stay as they were; the result and masks go on top (the "Original" is the file itself).
        if (Document.Photoshop is { } psd)
        {
            // Added to the document's own records byte for byte: its masks, groups, adjustment layers, ... stay.
            psd.SaveWithLayersOnTop(OutputLayers.Added(render.Layers));
            return;
        }
        // An .ora or a layered TIFF is written layered whatever --layers says (EffectOutput keeps its layers under ours).
        EffectOutput.Write(Document, render.Result, render.Effect, Path, Document.Layers is not null || EffectOutput.IsLayered(Path, tiffLayers));
    }
}
