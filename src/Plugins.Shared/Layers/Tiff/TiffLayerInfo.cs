using System.Globalization;

namespace RetouchPlugins.Shared.Layers.Tiff;

/// <summary>
/// TIFF has no fields for a layer's place, opacity or blend mode, so the writer keeps them in each page's
/// ImageDescription as "RetouchPlugins layer; canvas=WxH; x=..; y=..; opacity=..; blend=..; visible=..".
/// Other readers show it as a caption; our reader restores the layer from it.
/// </summary>
internal sealed record TiffLayerInfo(int CanvasWidth, int CanvasHeight, int X, int Y, float Opacity, BlendMode Mode, bool Visible)
{
    private const string Prefix = "RetouchPlugins layer";

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}; canvas={CanvasWidth}x{CanvasHeight}; x={X}; y={Y}; opacity={Opacity:0.######}; blend={Mode}; visible={(Visible ? 1 : 0)}");

    public static TiffLayerInfo? Parse(string? description)
    {
        if (description is null || !description.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var fields = description.Split(';', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        try
        {
            var canvas = fields["canvas"].Split('x');
            return new TiffLayerInfo(
                int.Parse(canvas[0], CultureInfo.InvariantCulture), int.Parse(canvas[1], CultureInfo.InvariantCulture),
                int.Parse(fields["x"], CultureInfo.InvariantCulture), int.Parse(fields["y"], CultureInfo.InvariantCulture),
                float.Parse(fields["opacity"], CultureInfo.InvariantCulture),
                Enum.Parse<BlendMode>(fields["blend"]), fields["visible"] == "1");
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            return null; // a hand-edited caption is not an error: the page still loads as a plain layer
        }
    }
}
