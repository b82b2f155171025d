using System.Buffers.Binary;

namespace RetouchPlugins.Tests.Robustness;

/// <summary>
/// Seeded damage to a file's bytes, the kinds real copies and hostile files show: flipped bits, a cut, a length
/// or offset field overwritten with an extreme value, a run of bytes deleted (a lost chunk or marker segment).
/// The same seed and case number always give the same mutant, so a failure can be replayed.
/// </summary>
internal static class Mutator
{
    public static readonly string[] Kinds = ["flip", "cut", "length", "delete"];

    public static (byte[] Bytes, string What) Mutate(byte[] original, int seed, int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var kind = Kinds[random.Next(Kinds.Length)];
        switch (kind)
        {
            case "flip":
            {
                var bytes = (byte[])original.Clone();
                int flips = 1 + random.Next(8);
                // Half the flips land in the first kilobyte, where headers, tables and chunk lengths live.
                for (int i = 0; i < flips; i++)
                {
                    int at = random.Next(2) == 0 ? random.Next(Math.Min(1024, bytes.Length)) : random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }
                return (bytes, $"{flips} bit flip(s)");
            }
            case "cut":
            {
                int length = random.Next(1, original.Length);
                return (original[..length], $"cut to {length} of {original.Length} bytes");
            }
            case "length":
            {
                var bytes = (byte[])original.Clone();
                int at = random.Next(2) == 0 ? random.Next(Math.Min(512, bytes.Length - 4)) : random.Next(bytes.Length - 4);
                uint value = random.Next(4) switch { 0 => 0, 1 => uint.MaxValue, 2 => 0x7FFFFFFF, _ => (uint)random.Next() };
                if (random.Next(2) == 0) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)value);
                else BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
                return (bytes, $"field at {at} set to 0x{value:X}");
            }
            default:
            {
                int at = random.Next(original.Length - 1);
                int length = 1 + random.Next(Math.Min(256, original.Length - at - 1));
                return ([.. original.AsSpan(0, at), .. original.AsSpan(at + length)], $"{length} bytes deleted at {at}");
            }
        }
    }
}
