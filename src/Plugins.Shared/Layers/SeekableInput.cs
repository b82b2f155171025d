namespace RetouchPlugins.Shared.Layers;

/// <summary>The PSD and TIFF readers read a document in place, seeking to its parts; a stream that cannot seek is read whole first.</summary>
internal static class SeekableInput
{
    public static Stream Of(Stream input)
    {
        if (input.CanSeek) return input;
        var copy = new MemoryStream(); // a pipe or an upload
        input.CopyTo(copy);
        return copy;
    }
}
