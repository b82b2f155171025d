using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// Points from the selection's small pieces, for a points parameter whose box "also one in each small piece of the
/// selection" is checked (<see cref="EffectProperties.FromSelection"/>). Paint.NET has no click-to-add control for a list
/// of points, and a spot on a 24 MP photo cannot be placed from a thumbnail; the retoucher circles each spot with Ellipse
/// Select at 100 % (Ctrl adds a circle), and each circle's centre becomes a point. Pieces larger than a spot (the face, a
/// region to retouch) are left out: they only limit the change, as every selection does.
/// </summary>
internal static class SelectionPoints
{
    /// <summary>
    /// A piece is a spot's circle when neither side of its box exceeds this share of the photo's shorter side (at least
    /// <see cref="MinLargest"/> px): a spot is at most a few percent of a face, a face in a close-up half the frame.
    /// </summary>
    public const float LargestShare = 0.125f;

    /// <summary>The smallest limit on a piece's side, for small images.</summary>
    public const int MinLargest = 16;

    /// <summary>Pieces of fewer pixels are crumbs of another selection (a Magic Wand's), not a circle drawn around a spot.</summary>
    public const int MinArea = 5;

    /// <summary>
    /// More pieces than this are not spots circled by hand (a Magic Wand selection of skin falls apart into hundreds), and
    /// healing each would take minutes: none is taken then, and the selection only limits the change.
    /// </summary>
    public const int MaxPieces = 200;

    /// <summary>"x,y; x,y" of the pieces' centres in photo pixels, or null when the selection has no piece a spot's size (or is everything).</summary>
    public static string? Of(PlanarImage? selection)
    {
        if (selection is null) return null;
        int largest = Math.Max(MinLargest, (int)(LargestShare * Math.Min(selection.Width, selection.Height)));
        var centres = MaskIslands.Find(selection, 0.5f)
            .Where(piece => piece.Area >= MinArea && piece.Bounds.Width <= largest && piece.Bounds.Height <= largest)
            .Select(piece => PhotoPoints.Format(new(piece.X, piece.Y)))
            .ToList();
        return centres.Count is 0 or > MaxPieces ? null : string.Join("; ", centres);
    }

    /// <summary><paramref name="settings"/> with the selection's points added to each of <paramref name="parameters"/> (after the typed ones).</summary>
    public static EffectSettings AddTo(EffectSettings settings, IReadOnlyList<EffectParameter> parameters, PlanarImage? selection)
    {
        if (parameters.Count == 0 || Of(selection) is not { } points) return settings;
        var added = settings.For(settings.Parameters);
        foreach (var p in parameters)
            added.SetText(p.Name, settings.GetText(p) is { } typed && !string.IsNullOrWhiteSpace(typed) ? $"{typed}; {points}" : points);
        return added;
    }
}
