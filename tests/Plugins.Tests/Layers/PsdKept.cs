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
        int records = old.RecordsEnd - old.RecordsStart, channels = old.ChannelsEnd - old.RecordsEnd;
        Assert.Equal(before.AsSpan(old.RecordsStart, records).ToArray(), after.AsSpan(now.RecordsStart, records).ToArray());
        Assert.Equal(before.AsSpan(old.RecordsEnd, channels).ToArray(), after.AsSpan(now.RecordsEnd, channels).ToArray());
        return (old, now);
    }
}
