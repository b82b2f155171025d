using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Shared.Running;

/// <summary>
/// Where a retouched photo goes and in which shape: .ora, .psd and .psb are always layered
/// (<see cref="OutputLayers"/>); .tif is one flat image unless layers are asked for (then one page per
/// layer); .jpg, .png and .webp are flat. Every write is atomic (temporary file, then rename).
/// </summary>
public static class EffectOutput
{
    public static readonly IReadOnlyList<string> FlatExtensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"];
    public static readonly IReadOnlyList<string> LayeredExtensions = [".ora", ".psd", ".psb", ".tif", ".tiff"];

    /// <summary>True when <paramref name="path"/> gets a layered document.</summary>
    public static bool IsLayered(string path, bool layers)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".ora" or ".psd" or ".psb" || (layers && ext is ".tif" or ".tiff");
    }

    /// <summary>Whether a result can be written to <paramref name="path"/>'s extension at all, flat or layered.</summary>
    public static bool IsWritable(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return FlatExtensions.Contains(ext) || LayeredExtensions.Contains(ext);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the path when the extension cannot be written in the shape asked for.</summary>
    public static void Check(string path, bool layers)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (layers && !LayeredExtensions.Contains(ext))
            throw new ArgumentException($"{path}: layers need a layered format; use .ora, .psd, .psb or .tif");
        if (!IsWritable(path))
            throw new ArgumentException($"{path}: unknown output format '{ext}'; use .jpg, .png, .tif, .webp, .ora, .psd or .psb");
    }

    /// <summary>
    /// Writes the result: flat with the original's depth, ICC and EXIF, or as layers over the original. A Photoshop
    /// original written as .psd (.psb for a large document) is that document with the result and masks on top of its own
    /// layers, kept byte for byte; written as the other kind it is a new document of our layers. A layered TIFF's pages
    /// (<see cref="ImageDocument.Layers"/>) go into any layered result under the new layers.
    /// </summary>
    public static void Write(ImageDocument original, EffectResult result, EffectDescriptor effect, string path, bool layers)
    {
        Check(path, layers);
        if (original.Photoshop is { } psd && Path.GetExtension(path).Equals(psd.Extension, StringComparison.OrdinalIgnoreCase))
            psd.WriteWithLayersOnTop(OutputLayers.Added(OutputLayers.Plan(original, result, effect)), path);
        else if (IsLayered(path, layers) && original.Layers is { } own)
            LayerFile.Write(LayeredPhoto.OnTop(own, OutputLayers.Added(OutputLayers.Plan(original, result, effect))), path);
        else if (IsLayered(path, layers)) LayerFile.Write(OutputLayers.Build(original, result, effect), path);
        else ImageFile.Save(original.WithPixels(result.Image), path);
    }

    /// <summary>Writes each mask as a grey PNG named after its kind (skin.png, healed-blemishes.png, ...) into <paramref name="folder"/>.</summary>
    public static void WriteMasks(IReadOnlyList<NamedMask> masks, string folder)
    {
        IO.OutputLocation.CheckFolder(folder);
        foreach (var m in masks) ImageFile.SavePng(m.Mask, Path.Combine(folder, m.Kind.FileName));
    }
}
