namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The style library that ships with the application (styles/ next to it: an image and its face mesh each,
/// see styles/README.md in the repository). A style parameter that is a bare name (no folder, no extension)
/// names one of these; an empty one means the first, "painting".
/// </summary>
public static class BundledStyles
{
    public static readonly string[] Names = ["painting", "cartoon", "pencil", "oil"];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "styles");

    /// <summary>True when <paramref name="style"/> names a bundled style (or is empty: the default one).</summary>
    public static bool IsBundled(string? style) =>
        string.IsNullOrEmpty(style) || Names.Contains(style, StringComparer.OrdinalIgnoreCase);

    /// <summary>The image and landmark file of a bundled style; an error naming the folder when it is missing.</summary>
    public static (string Image, string Landmarks) Files(string? style)
    {
        string name = string.IsNullOrEmpty(style) ? Names[0] : style.ToLowerInvariant();
        string image = Path.Combine(Folder, name + ".jpg"), landmarks = Path.Combine(Folder, name + ".json");
        if (!File.Exists(image) || !File.Exists(landmarks))
            throw new FileNotFoundException($"{image}: the bundled style '{name}' is missing (styles/ is copied next to the application at build time)", image);
        return (image, landmarks);
    }
}
