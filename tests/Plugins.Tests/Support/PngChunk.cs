using System.Buffers.Binary;

namespace RetouchPlugins.Tests.Support;

/// <summary>Writes one PNG chunk (length, type, data, CRC) for tests that hand-craft PNG files.</summary>
public static class PngChunk
{
    public static void Write(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, 0, 4, head, 4);
        s.Write(head);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(data, Crc32(head.AsSpan(4), 0xFFFFFFFF)) ^ 0xFFFFFFFF);
        s.Write(crc);
    }

    /// <summary>The PNG chunk CRC (ISO 3309 CRC-32, reflected polynomial 0xEDB88320), bit by bit, continuing from <paramref name="crc"/>.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes, uint crc)
    {
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return crc;
    }
}
