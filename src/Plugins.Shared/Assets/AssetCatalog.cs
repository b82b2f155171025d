using System.Text.Json;

namespace RetouchPlugins.Shared.Assets;

/// <summary>One pinned file: where it is staged, its hash, the package it came from and its licence.</summary>
public sealed record PinnedAsset(string Dest, string Sha256, string Package, string Licence, string? Platform);

/// <summary>
/// The pinned files shipped next to the binaries (models/assets.json copied to models/ in the
/// output). Models are looked up here by file name; nothing is fetched at run time.
/// </summary>
public sealed class AssetCatalog
{
    public AssetCatalog(string baseDirectory)
    {
        BaseDirectory = baseDirectory;
        ModelsDirectory = Path.Combine(baseDirectory, "models");
        var manifest = Path.Combine(ModelsDirectory, "assets.json");
        Assets = File.Exists(manifest) ? Parse(File.ReadAllText(manifest)) : [];
    }

    /// <summary>The catalog of the running application.</summary>
    public static AssetCatalog ForApplication() => new(AppContext.BaseDirectory);

    public string BaseDirectory { get; }
    public string ModelsDirectory { get; }
    public IReadOnlyList<PinnedAsset> Assets { get; }

    /// <summary>Full path of a model file (e.g. "retinaface_mnet025_v2.onnx"); throws a clear error when missing.</summary>
    public string ModelPath(string fileName)
    {
        var path = Path.Combine(ModelsDirectory, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Model '{fileName}' is not in {ModelsDirectory}. It is fetched and checked at build time (models/assets.json); rebuild with Node.js installed.", path);
        return path;
    }

    public PinnedAsset? Find(string fileName) =>
        Assets.FirstOrDefault(a => string.Equals(Path.GetFileName(a.Dest), fileName, StringComparison.Ordinal));

    private static List<PinnedAsset> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<PinnedAsset>();
        foreach (var f in doc.RootElement.GetProperty("files").EnumerateArray())
            list.Add(new PinnedAsset(
                f.GetProperty("dest").GetString()!,
                f.GetProperty("sha256").GetString()!,
                f.GetProperty("package").GetString()!,
                f.GetProperty("licence").GetString()!,
                f.TryGetProperty("platform", out var p) ? p.GetString() : null));
        return list;
    }
}
