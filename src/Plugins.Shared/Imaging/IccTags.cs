using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>Finds a tag in an ICC profile's tag table (ICC.1 §7.3), safely on any bytes: a table or tag past the end finds nothing.</summary>
internal static class IccTags
{
    /// <summary>The data of the first tag named <paramref name="signature"/> (four ASCII bytes); false when there is none.</summary>
    public static bool TryFind(ReadOnlySpan<byte> profile, ReadOnlySpan<byte> signature, out ReadOnlySpan<byte> data)
    {
        data = default;
        if (profile.Length < 132) return false;
        uint count = BinaryPrimitives.ReadUInt32BigEndian(profile.Slice(128));
        for (long i = 0; i < count; i++)
        {
            long entry = 132 + 12 * i;
            if (entry + 12 > profile.Length) return false;
            var e = profile.Slice((int)entry, 12);
            if (!e.StartsWith(signature)) continue;
            uint offset = BinaryPrimitives.ReadUInt32BigEndian(e.Slice(4));
            uint size = BinaryPrimitives.ReadUInt32BigEndian(e.Slice(8));
            if (offset + (long)size > profile.Length) return false;
            data = profile.Slice((int)offset, (int)size);
            return true;
        }
        return false;
    }
}
