using System.Buffers.Binary;
using System.Text;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Reads the human-readable description ('desc' tag) of an ICC profile: the ICC v2 'desc' text type or
/// the v4 'mluc' multi-language type (first record). Returns null for anything it does not understand.
/// </summary>
public static class IccProfileDescription
{
    public static string? Read(ReadOnlySpan<byte> profile)
    {
        if (profile.Length < 132) return null;
        uint count = BinaryPrimitives.ReadUInt32BigEndian(profile.Slice(128));
        for (long i = 0; i < count; i++)
        {
            long entry = 132 + 12 * i;
            if (entry + 12 > profile.Length) return null;
            var e = profile.Slice((int)entry, 12);
            if (!e.StartsWith("desc"u8)) continue;
            uint offset = BinaryPrimitives.ReadUInt32BigEndian(e.Slice(4));
            uint size = BinaryPrimitives.ReadUInt32BigEndian(e.Slice(8));
            if (offset + (long)size > profile.Length || size < 12) return null;
            return ReadText(profile.Slice((int)offset, (int)size));
        }
        return null;
    }

    private static string? ReadText(ReadOnlySpan<byte> tag)
    {
        if (tag.StartsWith("desc"u8))
        {
            // 'desc' + 4 reserved + uint32 ASCII length (including the NUL) + ASCII.
            uint length = BinaryPrimitives.ReadUInt32BigEndian(tag.Slice(8));
            if (12 + (long)length > tag.Length) return null;
            return Clean(Encoding.ASCII.GetString(tag.Slice(12, (int)length)));
        }
        if (tag.StartsWith("mluc"u8) && tag.Length >= 28)
        {
            // 'mluc' + 4 reserved + record count + record size, then records: lang(2) country(2) length(4) offset(4).
            uint length = BinaryPrimitives.ReadUInt32BigEndian(tag.Slice(20));
            uint offset = BinaryPrimitives.ReadUInt32BigEndian(tag.Slice(24));
            if (offset + (long)length > tag.Length) return null;
            return Clean(Encoding.BigEndianUnicode.GetString(tag.Slice((int)offset, (int)length)));
        }
        return null;
    }

    private static string? Clean(string s)
    {
        var t = s.TrimEnd('\0').Trim();
        return t.Length == 0 ? null : t;
    }
}
