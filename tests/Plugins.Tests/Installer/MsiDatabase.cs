namespace RetouchPlugins.Tests.Installer;

/// <summary>Reads an MSI's tables with msitools' <c>msiinfo export</c> (the IDT text form: names, types, keys, rows).</summary>
internal sealed class MsiDatabase(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<string> TableNames() =>
        InstallerTool.RunOk("msiinfo", ["tables", Path], TimeSpan.FromSeconds(60)).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every row of a table as column name → value (empty string for a null).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string table)
    {
        var text = InstallerTool.RunOk("msiinfo", ["export", Path, table], TimeSpan.FromSeconds(60)).Output;
        var lines = text.Split("\r\n").SelectMany(l => l.Split('\n')).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 3) throw new InvalidDataException($"{Path}: table {table} exported as {lines.Length} line(s)");
        var columns = lines[0].Split('\t');
        return lines.Skip(3).Select(line =>
        {
            var cells = line.Split('\t');
            return (IReadOnlyDictionary<string, string>)columns.Select((c, i) => (c, v: i < cells.Length ? cells[i] : ""))
                .ToDictionary(x => x.c, x => x.v);
        }).ToArray();
    }

    /// <summary>The summary information stream (Template = platform;language, Revision number = package code, ...).</summary>
    public string SummaryInformation() => InstallerTool.RunOk("msiinfo", ["suminfo", Path], TimeSpan.FromSeconds(60)).Output;

    /// <summary>Extracts every file to DIR (msiextract lays them out by the Directory table, from the root).</summary>
    public IReadOnlyList<string> ExtractTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var r = InstallerTool.RunOk("msiextract", ["-C", directory, Path], TimeSpan.FromMinutes(5));
        return r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
