using System.Globalization;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Reporting;

/// <summary>
/// A grid of equally sized 100 % crops (one row per face, one column per image: clean, blemished, each method)
/// under a header of column labels, saved as PNG. Labels are drawn by G'MIC's `text` command.
/// </summary>
public sealed class ContactSheet
{
    private const int Gap = 6, Header = 34;
    private readonly IReadOnlyList<string> _columns;
    private readonly List<PlanarImage[]> _rows = [];

    public ContactSheet(IReadOnlyList<string> columns) => _columns = columns;

    public int Rows => _rows.Count;

    /// <summary>Adds a row of tiles, all of the first row's size.</summary>
    public void AddRow(IReadOnlyList<PlanarImage> tiles)
    {
        if (tiles.Count != _columns.Count) throw new ArgumentException($"a row needs {_columns.Count} tiles, got {tiles.Count}");
        if (tiles.Any(t => t.Width != tiles[0].Width || t.Height != tiles[0].Height) || (_rows.Count > 0 && !tiles[0].SameSize(_rows[0][0])))
            throw new ArgumentException("all tiles must have the same size");
        _rows.Add(tiles.ToArray());
    }

    public void Save(string pngPath)
    {
        if (_rows.Count == 0) throw new InvalidOperationException("no rows to draw");
        int tile = _rows[0][0].Width;
        int width = _columns.Count * (tile + Gap) + Gap, height = Header + _rows.Count * (tile + Gap);
        var sheet = new PlanarImage(width, height, 3);
        Array.Fill(sheet.Data, 0.12f);
        for (int r = 0; r < _rows.Count; r++)
            for (int c = 0; c < _columns.Count; c++)
            {
                var t = _rows[r][c];
                var rgb = new PlanarImage(t.Width, t.Height, 3, t.Data.AsSpan(0, 3 * t.PlaneSize).ToArray());
                sheet.Paste(rgb, Gap + c * (tile + Gap), Header + r * (tile + Gap));
            }
        string ppm = Path.Combine(Path.GetTempPath(), $"bench-sheet-{Guid.NewGuid():N}.ppm");
        string script = Path.ChangeExtension(ppm, ".gmic");
        string temp = pngPath + ".tmp.png";
        try
        {
            PnmFile.Write(ppm, sheet);
            // Labels go through a command file: on its command line G'MIC splits quoted text at spaces.
            File.WriteAllLines(script, ["bench_labels:", .. _columns.Select((label, c) =>
                $"  text \"{label.Replace("\"", "'")}\",{(Gap + c * (tile + Gap)).ToString(CultureInfo.InvariantCulture)},8,20,1,235,235,235")]);
            GmicProcess.RunOrThrow(["-v", "-1", script, ppm, "bench_labels", "o", temp], TimeSpan.FromMinutes(2));
            File.Move(temp, pngPath, overwrite: true);
        }
        finally { File.Delete(ppm); File.Delete(script); File.Delete(temp); }
    }
}
