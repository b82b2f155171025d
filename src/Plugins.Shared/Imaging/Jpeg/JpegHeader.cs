namespace RetouchPlugins.Shared.Imaging.Jpeg;

/// <summary>
/// What a JPEG's header says about its compression: the quantisation tables (DQT, 64 entries each in natural
/// row-major order, whatever their precision), which table each frame component uses, the frame size and the EXIF
/// orientation (1 when absent). Read by our
/// own marker walk (<see cref="JpegHeaderReader"/>), not by the decoder, which does not expose the tables.
/// </summary>
public sealed record JpegHeader(IReadOnlyDictionary<int, int[]> Tables, IReadOnlyList<JpegComponent> Components, int Width, int Height, bool Progressive, int Orientation = 1)
{
    /// <summary>
    /// Where the 8×8 block grid lies in the pixels as loaded (upright: EXIF orientation applied) for an image of
    /// <paramref name="width"/>×<paramref name="height"/>: the offset of the first block edge in x and y (0 when the
    /// grid starts at the left or top), or null when the image is not this file's frame as loaded (another size).
    /// </summary>
    public (int X, int Y)? BlockGrid(int width, int height)
    {
        bool swapped = Orientation >= 5;
        int w = swapped ? Height : Width, h = swapped ? Width : Height;
        if (w != width || h != height) return null;
        // The grid starts at the frame's top-left corner; a flip puts that corner on the right (or bottom), where the
        // last, partial block ends the row, so the edges fall at (size mod 8) + 8k.
        bool flipX = Orientation is 2 or 3 or 6 or 7, flipY = Orientation is 3 or 4 or 7 or 8;
        return (flipX ? width % 8 : 0, flipY ? height % 8 : 0);
    }

    /// <summary>The table of the first component (luma in a YCbCr or greyscale file), or null when it is missing.</summary>
    public int[]? LumaTable => Components.Count > 0 && Tables.TryGetValue(Components[0].Table, out var t) ? t : null;

    /// <summary>The table of the second component (Cb), or null for a greyscale file or a missing table.</summary>
    public int[]? ChromaTable => Components.Count > 1 && Tables.TryGetValue(Components[1].Table, out var t) ? t : null;
}

/// <summary>A frame component: its id, sampling factors and quantisation table number.</summary>
public sealed record JpegComponent(int Id, int HorizontalSampling, int VerticalSampling, int Table);
