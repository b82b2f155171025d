using System.Buffers.Binary;
using System.Text;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Reads the human-readable description ('desc' tag) of an ICC profile: the ICC v2 'desc' text type or
/// the v4 'mluc' multi-language type (first record). Returns null for anything it does not understand.
/// </summary>
public static class IccProfileDescription
{
    public static string? Read(ReadOnlySpan<byte> profile) =>
        IccTags.TryFind(profile, "desc"u8, out var tag) && tag.Length >= 12 ? ReadText(tag) : null;

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
