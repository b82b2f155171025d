using System.Buffers.Binary;
using System.Reflection.PortableExecutable;
using System.Text;

namespace RetouchPlugins.Tests.Windows;

/// <summary>
/// The names a Windows DLL exports, read from its export directory without Windows. System.Reflection.Metadata
/// gives the PE headers and where the export directory lies; the directory itself (IMAGE_EXPORT_DIRECTORY and its
/// name table, PE/COFF specification "The .edata Section") is read here.
/// </summary>
internal static class PeExports
{
    private const int ExportDirectorySize = 40;

    public static IReadOnlyList<string> Names(string dllPath)
    {
        var image = File.ReadAllBytes(dllPath);
        using var pe = new PEReader(new MemoryStream(image));
        var headers = pe.PEHeaders;
        if (headers.PEHeader is null) throw new InvalidDataException($"{dllPath}: no optional header, not an image");
        var directory = headers.PEHeader.ExportTableDirectory;
        if (directory.Size == 0) return [];

        int table = Offset(headers, directory.RelativeVirtualAddress, dllPath);
        if (table + ExportDirectorySize > image.Length) throw new InvalidDataException($"{dllPath}: export directory runs past the end of the file");
        // IMAGE_EXPORT_DIRECTORY: ..., NumberOfNames at 24, AddressOfNames (RVA of an array of name RVAs) at 32.
        int count = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(table + 24)));
        int names = Offset(headers, (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(table + 32)), dllPath);
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            int name = Offset(headers, (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(names + 4 * i)), dllPath);
            int end = Array.IndexOf(image, (byte)0, name);
            if (end < 0) throw new InvalidDataException($"{dllPath}: export name {i} is not terminated");
            result[i] = Encoding.ASCII.GetString(image, name, end - name);
        }
        return result;
    }

    /// <summary>The file offset of a relative virtual address: through the section that maps it.</summary>
    private static int Offset(PEHeaders headers, int rva, string dllPath)
    {
        foreach (var s in headers.SectionHeaders)
        {
            int size = Math.Max(s.VirtualSize, s.SizeOfRawData);
            if (rva >= s.VirtualAddress && rva < s.VirtualAddress + size)
                return rva - s.VirtualAddress + s.PointerToRawData;
        }
        throw new InvalidDataException($"{dllPath}: address 0x{rva:x} lies in no section");
    }
}
