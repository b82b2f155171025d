using System.Buffers.Binary;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Psd;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// Layers added on top of a Photoshop document (<see cref="PsdSource.SaveWithLayersOnTop"/>, what `retouch open`'s Save
/// does to a PSD) on Photoshop's own files (Layers/PhotoshopFiles): every record, channel, tagged block and resource
/// that was there is still there byte for byte, the new layers read back on top, and the merged image is the new
/// composite. Each file is saved with the two layers a retouch adds: an opaque result (here the composite inverted,
/// so that a merged image left as it was would show) and a hidden grey mask.
/// </summary>
public sealed class PsdAppendTests : IDisposable
{
    private readonly string _dir = LayerSamples.TempDir();
    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string> PhotoshopFiles() =>
    [
        "mask.psd", "hidden-groups.psd", "type-layer.psd", "smartobject-layer.psd", "adjustment-mask.psd", "16bit5x5.psd",
        "4x4_8bit_rgba.psd", "group-clipping.psd", "0layers_tblocks.psd",
        // The large document format (PSB) as Photoshop writes it: wider lengths, 'Lr16' and 'lnk2' blocks among them.
        "mask.psb", "hidden-groups.psb", "16bit5x5.psb", "0layers_tblocks.psb", "placedLayer.psb", "text.psb",
    ];

    private string Copy(string file)
    {
        var path = Path.Combine(_dir, file);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "photoshop", file), path);
        return path;
    }

    /// <summary>The result layer a retouch adds (here the composite inverted) and its hidden mask.</summary>
    private static Layer[] RetouchLayers(PsdSource source)
    {
        var composite = source.HasComposite ? source.Composite() : LayerCompositor.Composite(source.Layers()); // adjustment-mask.psd has none
        var result = new PlanarImage(composite.Width, composite.Height, 3);
        for (int c = 0; c < 3; c++)
        {
            var from = composite.Plane(c);
            var to = result.Plane(c);
            for (int i = 0; i < to.Length; i++) to[i] = 1f - from[i];
        }
        var mask = new PlanarImage(composite.Width, composite.Height, 1);
        for (int i = 0; i < mask.PlaneSize; i++) mask.Data[i] = i % 7 / 6f;
        return [new Layer("Retouched", result), new Layer("Skin mask", mask) { Visible = false }];
    }

    [Theory]
    [MemberData(nameof(PhotoshopFiles))]
    public void Photoshop_files_keep_every_record_byte_for_byte_and_gain_our_layers_on_top(string file)
    {
        var path = Copy(file);
        var before = File.ReadAllBytes(path);
        var (oldDocument, oldLayout) = PsdReader.Read(before, path);
        var source = PsdSource.Read(path);
        var added = RetouchLayers(source);

        source.SaveWithLayersOnTop(added);

        var after = File.ReadAllBytes(path);
        var (document, layout) = PsdReader.Read(after, path);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_dir).Select(Path.GetFileName)); // no temporary file left
        // Header and colour mode data as they were.
        Assert.Equal(PsdKept.Bytes(before, 0, oldLayout.ResourcesAt), PsdKept.Bytes(after, 0, layout.ResourcesAt));
        // Every image resource but the thumbnails (which show the photo before the edit) and the per-layer lists.
        var oldResources = Resources(before, oldLayout);
        var resources = Resources(after, layout);
        foreach (var (id, body) in oldResources)
        {
            if (id is PsdResources.Thumbnail or PsdResources.ThumbnailOld) { Assert.DoesNotContain(resources, r => r.Id == id); continue; }
            var now = Assert.Single(resources, r => r.Id == id).Body;
            if (id == PsdResources.LayerGroups && body.Length == 2 * Math.Abs(oldLayout.Count)) Assert.Equal([.. body, 0, 0, 0, 0], now);
            else if (id == PsdResources.LayerGroupsEnabled && body.Length == Math.Abs(oldLayout.Count)) Assert.Equal([.. body, 1, 1], now);
            else if (id == PsdResources.VersionInfo) Assert.Equal(1, now[4]); // the merged image is the composite now
            else Assert.Equal(body, now);
        }
        // The old records and channel data, then ours; what follows the layer info (global mask, tagged blocks) as it was.
        Assert.Equal(oldLayout.InfoIsTaggedBlock, layout.InfoIsTaggedBlock);
        PsdKept.AssertOldLayersKept(before, after, path);
        Assert.Equal(PsdKept.Bytes(before, oldLayout.InfoPaddedEnd, oldLayout.LayerSectionEnd - oldLayout.InfoPaddedEnd),
            PsdKept.Bytes(after, layout.InfoPaddedEnd, layout.LayerSectionEnd - layout.InfoPaddedEnd));
        Assert.Equal(Math.Sign(oldLayout.Count) * (Math.Abs(oldLayout.Count) + 2) + (oldLayout.Count == 0 ? 3 : 0), layout.Count);

        // Read back: the file's layers (a file without any gains its picture as "Background"), then ours.
        IEnumerable<string> theirs = oldLayout.HasLayerInfo ? oldDocument.Layers.Select(l => l.Name) : ["Background"];
        Assert.Equal([.. theirs, "Retouched", "Skin mask"], document.Layers.Select(l => l.Name));
        Assert.Equal(oldDocument.NotKept, document.NotKept);
        Assert.False(document.Layers[^1].Visible);
        float step = document.BitsPerSample == 8 ? 0.51f / 255 : 0.51f / 65535; // rounding to the file's grid
        Assert.Equal(0f, LayerSamples.MaxDifference(added[0].Pixels, document.Layers[^2].Pixels), step);
        Assert.Equal(0f, LayerSamples.MaxDifference(added[1].Pixels, document.Layers[^1].Pixels), step);

        // The merged image is the result (it covers the canvas); further channels (a saved selection) as they were.
        var oldMerged = PsdReader.DecodeMerged(before, oldLayout, document.Width, document.Height, document.BitsPerSample, path);
        var merged = PsdReader.DecodeMerged(after, layout, document.Width, document.Height, document.BitsPerSample, path);
        for (int c = 0; c < 3; c++)
            Assert.Equal(0f, MaxDifference(merged[c], added[0].Pixels.Plane(c).ToArray()), step);
        bool transparency = oldLayout.Count < 0 && oldLayout.Channels >= 4;
        for (int c = 3; c < oldLayout.Channels; c++)
        {
            if (transparency && c == 3) Assert.Equal(1f, merged[c].Min()); // opaque: the result covers it
            else Assert.Equal(0f, MaxDifference(merged[c], oldMerged[c]));
        }

        // ImageMagick reads it: the merged image and one frame more for each of our layers. (ImageMagick 6 refuses
        // group-clipping.psd's own resource block, an empty 1006, as it is.)
        if (file == "group-clipping.psd") return;
        int frames(string p) => ExternalTool.Run("identify", [p]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var original = Path.Combine(_dir, "original" + Path.GetExtension(file));
        File.WriteAllBytes(original, before);
        Assert.Equal(frames(original) + (oldLayout.HasLayerInfo ? 2 : 3), frames(path));
    }

    /// <summary>
    /// ag-psd (npm, MIT; pinned in models/package.json), a reader that models groups, clipping, masks, adjustment, text
    /// and smart layers, sees each document's own structure unchanged with our two layers at the top level above it.
    /// </summary>
    [Fact]
    public void Another_reader_sees_the_groups_clipping_masks_adjustment_text_and_smart_layers_kept_with_ours_on_top()
    {
        string[] files = ["group-clipping.psd", "hidden-groups.psd", "mask.psd", "adjustment-mask.psd", "type-layer.psd", "smartobject-layer.psd", "16bit5x5.psd",
            "hidden-groups.psb", "mask.psb", "placedLayer.psb", "text.psb", "16bit5x5.psb"];
        var before = files.Select(f => Tree(Path.Combine(AppContext.BaseDirectory, "photoshop", f))).ToList();
        foreach (var file in files)
        {
            var source = PsdSource.Read(Copy(file));
            source.SaveWithLayersOnTop(RetouchLayers(source));
        }
        var after = files.Select(f => Tree(Path.Combine(_dir, f))).ToList();

        Assert.Equal(["clipping [clip]", "  blue [clip]", "  red", "base", "bg"], before[0]); // what the reader reports
        Assert.Equal(["Brightness/Contrast 1 [mask] [adjustment]", "Background"], before[3]);
        for (int i = 0; i < files.Length; i++)
            Assert.Equal(["Skin mask (hidden)", "Retouched", .. before[i]], after[i]);
    }

    /// <summary>The layer tree ag-psd reads, top first, two spaces per group level.</summary>
    private List<string> Tree(string psd)
    {
        var script = Path.Combine(_dir, "tree.cjs");
        File.WriteAllText(script, """
            const fs = require('fs'); const { readPsd } = require(process.argv[2]);
            const psd = readPsd(fs.readFileSync(process.argv[3]), { skipLayerImageData: true, skipCompositeImageData: true, skipThumbnail: true });
            function walk(layers, depth) {
              for (const l of (layers || []).slice().reverse()) {
                console.log('  '.repeat(depth) + l.name + (l.clipping ? ' [clip]' : '') + (l.mask ? ' [mask]' : '') + (l.hidden ? ' (hidden)' : '')
                  + (l.adjustment ? ' [adjustment]' : '') + (l.text ? ' [text]' : '') + (l.placedLayer ? ' [smart]' : ''));
                walk(l.children, depth + 1);
              }
            }
            walk(psd.children, 0);
            """);
        var agPsd = Path.Combine(Support.Repository.Root, "models", "node_modules", "ag-psd");
        return ExternalTool.Run("node", [script, agPsd, psd]).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Fact]
    public void A_merged_image_on_transparency_is_taken_off_its_white_matte()
    {
        // A text layer on transparency: Photoshop stores the merged colour blended over white. Where the text is
        // half-covered, the composite is the text's own colour, not a paler one.
        var source = PsdSource.Read(Copy("type-layer.psd"));
        var composite = source.HasComposite ? source.Composite() : LayerCompositor.Composite(source.Layers()); // adjustment-mask.psd has none
        var ours = LayerCompositor.Composite(source.Layers()); // the rasterised text layer, composited by us
        int compared = 0;
        for (int i = 0; i < composite.PlaneSize; i++)
        {
            float alpha = composite.Plane(3)[i];
            if (alpha is < 0.3f or > 0.95f) continue;
            compared++;
            Assert.Equal(ours.Plane(3)[i], alpha, 1.5f / 255);
            for (int c = 0; c < 3; c++) Assert.Equal(ours.Plane(c)[i], composite.Plane(c)[i], 4f / 255 / alpha);
        }
        Assert.True(compared > 20, $"only {compared} half-covered pixels");
    }

    [Fact]
    public void A_file_changed_by_another_program_after_it_was_read_is_not_overwritten()
    {
        var path = Copy("mask.psd");
        var source = PsdSource.Read(path);
        var added = RetouchLayers(source); // the retouch done; then the editor saves the file
        var changed = File.ReadAllBytes(path);
        changed[^1] ^= 1;
        File.WriteAllBytes(path, changed);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        var e = Assert.Throws<LayerFileException>(() => source.SaveWithLayersOnTop(added));

        Assert.Contains("was changed by another program after it was opened", e.Message);
        Assert.Equal(changed, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_changed_while_it_is_retouched_is_not_copied_into_a_result()
    {
        // The document is read in place: where its parts lie was taken from the file as first read, so a result written
        // after another program saved over it would be garbage. The picture and a result to another file are refused.
        var path = Copy("mask.psb");
        var source = PsdSource.Read(path);
        var added = RetouchLayers(source);
        var changed = File.ReadAllBytes(path)[..^100];
        File.WriteAllBytes(path, changed);
        var result = Path.Combine(_dir, "result.psb");

        var e = Assert.Throws<LayerFileException>(() => source.WriteWithLayersOnTop(added, result));

        Assert.StartsWith($"{path}: was changed by another program while it was being retouched", e.Message);
        Assert.False(File.Exists(result));
        Assert.Throws<LayerFileException>(() => source.Composite());
        Assert.Equal(changed, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_second_save_replaces_what_the_first_added()
    {
        var path = Copy("hidden-groups.psd");
        var source = PsdSource.Read(path);
        source.SaveWithLayersOnTop(RetouchLayers(source));
        source.SaveWithLayersOnTop(RetouchLayers(source));

        var names = LayerFile.Read(path).Layers.Select(l => l.Name).ToList();
        Assert.Equal(["Background", "Shape 1", "Shape 2", "Retouched", "Skin mask"], names);
    }

    private static List<(int Id, byte[] Body)> Resources(byte[] data, PsdLayout layout)
    {
        int start = (int)layout.ResourcesAt + 4, length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan((int)layout.ResourcesAt));
        return Shared.Imaging.IptcBlock.SectionResources(data[start..(start + length)]).ToList();
    }

    private static float MaxDifference(float[] a, float[] b)
    {
        float worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
