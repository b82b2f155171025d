namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>What a render can be exported as: layered PSD, PSB (Photoshop's large document format), ORA or TIFF, or a flat JPEG, PNG or TIFF (written by Running/EffectOutput).</summary>
public static class ExportFormats
{
    private static readonly Dictionary<string, (string Extension, bool Layers, string ContentType)> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["psd"] = (".psd", true, "image/vnd.adobe.photoshop"),
        ["psb"] = (".psb", true, "image/vnd.adobe.photoshop"),
        ["ora"] = (".ora", true, "image/openraster"),
        ["tif-layers"] = (".tif", true, "image/tiff"),
        ["jpg"] = (".jpg", false, "image/jpeg"),
        ["png"] = (".png", false, "image/png"),
        ["tif"] = (".tif", false, "image/tiff"),
    };

    public static IReadOnlyList<string> Names { get; } = [.. Formats.Keys];

    public static (string Extension, bool Layers, string ContentType) Get(string? name) =>
        name is not null && Formats.TryGetValue(name, out var f) ? f
            : throw ApiException.BadRequest($"unknown export format '{name}'; use {string.Join(", ", Names)}");
}
