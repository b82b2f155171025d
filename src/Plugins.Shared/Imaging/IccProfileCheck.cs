using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// The structural checks an embedded ICC profile must pass to be carried into a result: the size its header
/// declares is its real size, the 'acsp' signature is in place, and every tag lies inside it. A profile that
/// fails them was damaged with the file: the colours it describes cannot be trusted, and writers refuse it
/// (a PNG save fails on it after all the work is done), so the load refuses the photo instead.
/// </summary>
public static class IccProfileCheck
{
    /// <summary>Null when <paramref name="profile"/> is sound, otherwise what is wrong with it.</summary>
    public static string? Problem(ReadOnlySpan<byte> profile)
    {
        if (profile.Length < 132) return $"only {profile.Length} bytes, shorter than a profile header";
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(profile);
        // A few writers pad the profile; bytes past the declared size are ignored by every reader. Fewer are damage.
        if (declared < 132 || declared > profile.Length) return $"its header says {declared} bytes, it has {profile.Length}";
        profile = profile[..(int)declared];
        if (!profile.Slice(36, 4).SequenceEqual("acsp"u8)) return "the 'acsp' signature is missing";
        uint tags = BinaryPrimitives.ReadUInt32BigEndian(profile.Slice(128));
        if (132 + 12L * tags > profile.Length) return $"its tag table ({tags} tags) runs past its end";
        for (int i = 0; i < tags; i++)
        {
            var entry = profile.Slice(132 + 12 * i, 12);
            long end = (long)BinaryPrimitives.ReadUInt32BigEndian(entry.Slice(4)) + BinaryPrimitives.ReadUInt32BigEndian(entry.Slice(8));
            if (end > profile.Length) return $"tag '{System.Text.Encoding.ASCII.GetString(entry[..4])}' runs past its end";
        }
        return null;
    }
}
