using RetouchPlugins.Shared.Layers.Psd;

namespace RetouchPlugins.Tests.Layers;

/// <summary>Checks that a PSD written with layers added still holds the old one's layer records and channel data byte for byte.</summary>
internal static class PsdKept
{
    /// <returns>The layouts of both files, for further checks.</returns>
    public static (PsdLayout Before, PsdLayout After) AssertOldLayersKept(byte[] before, byte[] after, string path)
    {
        var (_, old) = PsdReader.Read(before, path, pixels: false);
        var (_, now) = PsdReader.Read(after, path, pixels: false);
        long records = old.RecordsEnd - old.RecordsStart, channels = old.ChannelsEnd - old.RecordsEnd;
        Assert.Equal(Bytes(before, old.RecordsStart, records), Bytes(after, now.RecordsStart, records));
        Assert.Equal(Bytes(before, old.RecordsEnd, channels), Bytes(after, now.RecordsEnd, channels));
        return (old, now);
    }

    /// <summary>A file's bytes at a layout's (long) offsets; the test files are small.</summary>
    public static byte[] Bytes(byte[] file, long at, long length) => file.AsSpan(checked((int)at), checked((int)length)).ToArray();
}
