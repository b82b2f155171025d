namespace RetouchPlugins.Shared.Faces;

/// <summary>A rectangle of the photo that is searched as one network input.</summary>
internal readonly record struct DetectionView(int X, int Y, int Width, int Height, bool IsTile)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
}

/// <summary>
/// Plans which parts of a photo the detector looks at. The whole photo is always searched once,
/// shrunk to the network size; the smallest anchor (16 px) then matches faces of 16 x shrink
/// factor photo pixels. Photos much larger than a tile are also searched in overlapping tiles
/// of <c>tileSize</c> pixels, each shrunk to the network size, which finds faces down to
/// 16 x tileSize / inputSize pixels. Neighbouring tiles overlap by at least a quarter tile, so
/// every face up to that size lies whole inside some tile.
/// </summary>
internal static class DetectionViews
{
    public static List<DetectionView> Plan(int width, int height, int tileSize)
    {
        var views = new List<DetectionView> { new(0, 0, width, height, false) };
        if (tileSize <= 0 || Math.Max(width, height) <= tileSize * 5 / 4) return views;
        int overlap = tileSize / 4;
        var xs = Starts(width, tileSize, overlap);
        var ys = Starts(height, tileSize, overlap);
        foreach (var y in ys)
            foreach (var x in xs)
                views.Add(new DetectionView(x, y, Math.Min(tileSize, width), Math.Min(tileSize, height), true));
        return views;
    }

    /// <summary>
    /// Whether the tiles are still worth running after the whole view found faces up to <paramref name="largestFace"/>
    /// pixels (the larger box side). The tiles only add faces smaller than the whole view's smallest anchor (16 x the
    /// shrink factor: 51 px of a 2048 px photo); when the whole view already found a face of at least
    /// <paramref name="portraitShare"/> of the photo's long side, the photo is a portrait, and a face an eighth of its
    /// size or less is a background figure the retouch leaves alone. 0 keeps the tiles always.
    /// </summary>
    public static bool TilesWanted(int width, int height, float largestFace, float portraitShare) =>
        !(portraitShare > 0 && largestFace >= portraitShare * Math.Max(width, height));

    /// <summary>Tile origins spread evenly from 0 to length - tile, at most tile - overlap apart.</summary>
    public static int[] Starts(int length, int tile, int overlap)
    {
        if (length <= tile) return [0];
        int count = (int)Math.Ceiling((double)(length - overlap) / (tile - overlap));
        count = Math.Max(count, 2);
        var starts = new int[count];
        for (int i = 0; i < count; i++) starts[i] = (int)Math.Round((double)i * (length - tile) / (count - 1));
        return starts;
    }
}
