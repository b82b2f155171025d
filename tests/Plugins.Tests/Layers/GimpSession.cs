using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// One GIMP 2.10 batch run (GIMP takes seconds to start, so every check shares it). It
/// (1) opens our 8- and 16-bit PSDs, (2) opens our OpenRaster file the way GIMP's own OpenRaster plug-in
/// does — zip + stack.xml, each layer PNG loaded by GIMP's PNG loader, placed with its x/y/opacity/visibility
/// — because Debian's GIMP 2.10 ships without that Python plug-in, and (3) builds a 3-layer image itself and
/// saves it as PSD plus per-layer PNGs from which an .ora is assembled exactly as the plug-in's exporter does.
/// For every image it reports each layer's name, size, offset, opacity, mode and visibility (top first) and
/// exports each layer's pixels as PNG.
/// </summary>
public sealed class GimpSession : IDisposable
{
    public GimpSession()
    {
        Dir = LayerSamples.TempDir();
        Ours8 = LayerSamples.ThreeLayers(8);
        Ours16 = LayerSamples.ThreeLayers(16);
        LayerFile.Write(Ours8, Path.Combine(Dir, "ours8.psd"));
        LayerFile.Write(Ours16, Path.Combine(Dir, "ours16.psd"));
        LayerFile.Write(Ours8, Path.Combine(Dir, "ours8.ora"));
        var oraLayers = ExtractOra(Path.Combine(Dir, "ours8.ora"), Path.Combine(Dir, "ora"));

        var script = new StringBuilder(SchemeHelpers);
        script.AppendLine($"(define dir {ExternalTool.Scheme(Dir)})");
        script.AppendLine($"(define out (open-output-file {ExternalTool.Scheme(Path.Combine(Dir, "report.tsv"))}))");
        script.AppendLine($"(report \"psd8\" (car (gimp-file-load RUN-NONINTERACTIVE {ExternalTool.Scheme(Path.Combine(Dir, "ours8.psd"))} \"ours8.psd\")))");
        script.AppendLine($"(report \"psd16\" (car (gimp-file-load RUN-NONINTERACTIVE {ExternalTool.Scheme(Path.Combine(Dir, "ours16.psd"))} \"ours16.psd\")))");
        script.AppendLine($"(define ora (car (gimp-image-new {Ours8.Width} {Ours8.Height} RGB)))");
        foreach (var l in oraLayers) // bottom first, each inserted on top
            script.AppendLine($"(add-ora-layer ora {ExternalTool.Scheme(l.Path)} {ExternalTool.Scheme(l.Name)} {l.X} {l.Y} {l.Opacity.ToString(CultureInfo.InvariantCulture)} {(l.Visible ? "TRUE" : "FALSE")} {GimpMode(l.CompositeOp)})");
        script.AppendLine("(report \"ora\" ora)");
        script.AppendLine($"(file-png-save-defaults RUN-NONINTERACTIVE ora (car (gimp-image-merge-visible-layers ora CLIP-TO-IMAGE)) {ExternalTool.Scheme(Path.Combine(Dir, "ora-merged.png"))} \"m.png\")");
        script.AppendLine($"(make-gimp-image {ExternalTool.Scheme(Dir)})");
        script.AppendLine($"(make-gimp-image16 {ExternalTool.Scheme(Path.Combine(Dir, "gimp16.psd"))})");
        script.AppendLine("(close-output-port out)");
        ExternalTool.Gimp(script.ToString());
        Report = File.ReadAllLines(Path.Combine(Dir, "report.tsv")).Select(l => l.Split('\t')).ToList();
        AssembleGimpOra();
    }

    public string Dir { get; }
    public LayerDocument Ours8 { get; }
    public LayerDocument Ours16 { get; }
    private List<string[]> Report { get; }

    public sealed record GimpLayer(string Name, int Width, int Height, int X, int Y, double Opacity, string Mode, bool Visible, string PngPath);

    /// <summary>Layers GIMP saw in the image with this tag, top first (GIMP's order).</summary>
    public List<GimpLayer> Layers(string tag) => Report.Where(r => r[0] == tag).Select(r => new GimpLayer(
        r[2], int.Parse(r[3], CultureInfo.InvariantCulture), int.Parse(r[4], CultureInfo.InvariantCulture),
        int.Parse(r[5], CultureInfo.InvariantCulture), int.Parse(r[6], CultureInfo.InvariantCulture),
        double.Parse(r[7], CultureInfo.InvariantCulture), r[8], r[9] == "1", Path.Combine(Dir, $"{tag}-{r[1]}.png"))).ToList();

    public string GimpPsd => Path.Combine(Dir, "gimp.psd");
    public string GimpOra => Path.Combine(Dir, "gimp.ora");

    /// <summary>A 16-bit image GIMP built (red backdrop, white 20x10 screen patch at 5,7, 50 %) and saved as PSD.</summary>
    public string GimpPsd16 => Path.Combine(Dir, "gimp16.psd");

    private sealed record OraLayer(string Path, string Name, int X, int Y, double Opacity, bool Visible, string CompositeOp);

    /// <summary>The GIMP layer modes the OpenRaster plug-in picks for the svg:* ops our sample uses.</summary>
    private static string GimpMode(string op) => op switch
    {
        "svg:multiply" => "LAYER-MODE-MULTIPLY",
        "svg:screen" => "LAYER-MODE-SCREEN",
        "svg:src-over" => "LAYER-MODE-NORMAL",
        _ => throw new ArgumentException($"sample uses {op}, which this test does not map"),
    };

    /// <summary>GIMP's flattening of the OpenRaster image (visible layers merged).</summary>
    public string OraMergedPng => Path.Combine(Dir, "ora-merged.png");

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>What GIMP's OpenRaster loader does before handing PNGs to GIMP: read the zip and stack.xml
    /// (top layer first) — done here with the BCL, not with our reader.</summary>
    private static List<OraLayer> ExtractOra(string ora, string into)
    {
        Directory.CreateDirectory(into);
        using var zip = ZipFile.OpenRead(ora);
        var stack = XDocument.Load(zip.GetEntry("stack.xml")!.Open()).Root!.Element("stack")!;
        var layers = new List<OraLayer>();
        foreach (var el in stack.Elements("layer"))
        {
            var src = (string)el.Attribute("src")!;
            var file = Path.Combine(into, Path.GetFileName(src));
            zip.GetEntry(src)!.ExtractToFile(file);
            layers.Add(new OraLayer(file, (string)el.Attribute("name")!, (int)el.Attribute("x")!, (int)el.Attribute("y")!,
                (double)el.Attribute("opacity")!, (string?)el.Attribute("visibility") != "hidden", (string)el.Attribute("composite-op")!));
        }
        layers.Reverse();
        return layers;
    }

    /// <summary>GIMP's OpenRaster exporter writes: mimetype (stored, first), stack.xml listing layers top
    /// first with name/visibility/opacity/x/y/src, data/*.png from GIMP's PNG exporter, mergedimage.png.
    /// Here the PNGs are GIMP's own; the zip around them is assembled the same way.</summary>
    private void AssembleGimpOra()
    {
        var layers = Layers("gimp");
        using var zip = ZipFile.Open(GimpOra, ZipArchiveMode.Create);
        using (var s = zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open()) s.Write("image/openraster"u8);
        var stack = new XElement("stack");
        for (int i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            zip.CreateEntryFromFile(l.PngPath, $"data/{i}.png");
            stack.Add(new XElement("layer", new XAttribute("name", l.Name), new XAttribute("visibility", l.Visible ? "visible" : "hidden"),
                new XAttribute("opacity", (l.Opacity / 100).ToString(CultureInfo.InvariantCulture)), new XAttribute("x", l.X), new XAttribute("y", l.Y),
                new XAttribute("src", $"data/{i}.png"), new XAttribute("composite-op", l.Mode == "multiply" ? "svg:multiply" : "svg:src-over")));
        }
        var xml = new XDocument(new XElement("image", new XAttribute("w", 64), new XAttribute("h", 48), stack));
        using (var s = zip.CreateEntry("stack.xml").Open()) xml.Save(s);
    }


    private const string SchemeHelpers = """
        (define (mode-name m)
          (cond ((or (= m LAYER-MODE-NORMAL) (= m LAYER-MODE-NORMAL-LEGACY)) "normal")
                ((or (= m LAYER-MODE-MULTIPLY) (= m LAYER-MODE-MULTIPLY-LEGACY)) "multiply")
                ((or (= m LAYER-MODE-SCREEN) (= m LAYER-MODE-SCREEN-LEGACY)) "screen")
                (else (number->string m))))
        (define (tab x) (display x out) (display "\t" out))
        (define (report tag img)
          (let loop ((layers (vector->list (cadr (gimp-image-get-layers img)))) (i 0))
            (if (pair? layers)
              (let* ((l (car layers)) (off (gimp-drawable-offsets l)))
                (tab tag) (tab i) (tab (car (gimp-item-get-name l)))
                (tab (car (gimp-drawable-width l))) (tab (car (gimp-drawable-height l)))
                (tab (car off)) (tab (cadr off)) (tab (car (gimp-layer-get-opacity l)))
                (tab (mode-name (car (gimp-layer-get-mode l))))
                (display (car (gimp-item-get-visible l)) out) (newline out)
                (file-png-save-defaults RUN-NONINTERACTIVE img l (string-append dir "/" tag "-" (number->string i) ".png") "x.png")
                (loop (cdr layers) (+ i 1))))))
        (define (add-ora-layer img path name x y opacity visible mode)
          (let ((l (car (gimp-file-load-layer RUN-NONINTERACTIVE img path))))
            (gimp-image-insert-layer img l 0 0)
            (gimp-item-set-name l name)
            (gimp-layer-set-offsets l x y)
            (gimp-layer-set-opacity l (* opacity 100))
            (gimp-item-set-visible l visible)
            (gimp-layer-set-mode l mode)
            (gimp-layer-set-blend-space l LAYER-COLOR-SPACE-RGB-PERCEPTUAL)
            (gimp-layer-set-composite-space l LAYER-COLOR-SPACE-RGB-PERCEPTUAL)
            (gimp-layer-set-composite-mode l LAYER-COMPOSITE-UNION)))
        (define (make-gimp-image folder)
          (let* ((img (car (gimp-image-new 64 48 RGB)))
                 (bottom (car (gimp-layer-new img 64 48 RGBA-IMAGE "Backdrop" 100 LAYER-MODE-NORMAL)))
                 (patch (car (gimp-layer-new img 20 10 RGBA-IMAGE "Patch" 50 LAYER-MODE-MULTIPLY)))
                 (top (car (gimp-layer-new img 64 48 RGBA-IMAGE "Top hidden" 100 LAYER-MODE-NORMAL))))
            (gimp-image-insert-layer img bottom 0 -1)
            (gimp-image-insert-layer img patch 0 -1)
            (gimp-image-insert-layer img top 0 -1)
            (gimp-context-set-foreground '(200 30 40))
            (gimp-drawable-fill bottom FILL-FOREGROUND)
            (gimp-context-set-foreground '(10 220 90))
            (gimp-drawable-fill patch FILL-FOREGROUND)
            (gimp-layer-set-offsets patch 5 7)
            (gimp-drawable-fill top FILL-TRANSPARENT)
            (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 30 20 16 12)
            (gimp-context-set-foreground '(20 40 250))
            (gimp-drawable-edit-fill top FILL-FOREGROUND)
            (gimp-selection-none img)
            (gimp-item-set-visible top FALSE)
            (file-psd-save RUN-NONINTERACTIVE img bottom (string-append folder "/gimp.psd") "gimp.psd" 1 0)
            (report "gimp" img)))
        (define (make-gimp-image16 path)
          (let* ((img (car (gimp-image-new 64 48 RGB)))
                 (bottom (car (gimp-layer-new img 64 48 RGBA-IMAGE "Backdrop 16" 100 LAYER-MODE-NORMAL)))
                 (patch (car (gimp-layer-new img 20 10 RGBA-IMAGE "Patch 16" 50 LAYER-MODE-SCREEN))))
            (gimp-image-insert-layer img bottom 0 -1)
            (gimp-image-insert-layer img patch 0 -1)
            (gimp-context-set-foreground '(200 30 40))
            (gimp-drawable-fill bottom FILL-FOREGROUND)
            (gimp-drawable-fill patch FILL-WHITE)
            (gimp-layer-set-offsets patch 5 7)
            (gimp-image-convert-precision img PRECISION-U16-GAMMA)
            (file-psd-save RUN-NONINTERACTIVE img bottom path "gimp16.psd" 0 0)))

        """;
}
