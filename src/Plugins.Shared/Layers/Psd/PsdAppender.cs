using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Writes a PSD as it was read with layers added on top: every existing layer record and its channel data, the
/// global layer mask, the document's tagged blocks (patterns, linked files, ...) and its image resources (paths,
/// guides, slices, layer comps, metadata) are copied byte for byte, so masks, groups, adjustment and text layers and
/// smart objects stay what the editor made them. Changed: the layer count and the lengths around the new records,
/// the thumbnail resources (dropped: they show the photo before the edit; Photoshop makes new ones), the per-layer
/// resources 1026 and 1072 (an entry for each new layer), and the merged image (the file's own composite with the new
/// layers blended over it). A document without layers gains its merged image as a "Background" layer beneath them.
/// </summary>
internal static class PsdAppender
{
    /// <param name="data">The document as read, seekable; copied from in place (a PSB may be larger than memory holds at once).</param>
    /// <param name="document">The file's size, depth and metadata (its layers are not read).</param>
    /// <param name="composite">The file's picture as straight RGBA (<see cref="PsdSource.Composite"/>), asked for only when needed.</param>
    public static void Write(Stream data, PsdLayout layout, LayerDocument document, Func<PlanarImage> composite, IReadOnlyList<Layer> added,
        Stream output, string source)
    {
        ArgumentOutOfRangeException.ThrowIfZero(added.Count);
        if (!output.CanSeek) throw new ArgumentException("PSD writing needs a seekable stream", nameof(output));
        int width = document.Width, height = document.Height, bits = document.BitsPerSample;
        var input = new PsdInput(data, source);
        var merged = new Lazy<float[][]>(() => PsdReader.DecodeMerged(data, layout, width, height, bits, source));
        var picture = new Lazy<PlanarImage>(composite);
        // A document without layers keeps its picture as the bottom layer.
        var newLayers = layout.HasLayerInfo ? added : new List<Layer>(added.Prepend(Layer.Over("Background", picture.Value)));
        var encoded = PsdWriter.EncodeLayers(newLayers, bits, layout.Large);

        input.Position = layout.ResourcesAt;
        var resources = input.Bytes(input.I32()); // the image resources section's body
        long resourcesEnd = input.Position;
        input.CopyTo(output, 0, layout.ResourcesAt);
        WriteResources(resources, Math.Abs(layout.Count), newLayers.Count, output);
        input.CopyTo(output, resourcesEnd, layout.LayerSectionAt - resourcesEnd);

        var section = output.BeginLength(layout.Large);
        if (layout.InfoAt < 0)
        {
            WriteLayerInfo(input, layout, encoded, newLayers.Count, output);
            output.I32(0); // global layer mask info: none
        }
        else
        {
            input.CopyTo(output, layout.LayerSectionAt + layout.LengthBytes, layout.InfoAt - layout.LayerSectionAt - layout.LengthBytes);
            WriteLayerInfo(input, layout, encoded, newLayers.Count, output);
            input.CopyTo(output, layout.InfoPaddedEnd, layout.LayerSectionEnd - layout.InfoPaddedEnd);
        }
        output.EndLength(section);

        WriteMerged(layout, document, newLayers, picture, merged, output);
    }

    /// <summary>The count, the old records then the new, the old channels' data then the new; padded to 4 bytes.</summary>
    private static void WriteLayerInfo(PsdInput input, PsdLayout layout, PsdWriter.EncodedLayers encoded, int newCount, Stream output)
    {
        // The section's own layer info has a PSB's wide length; so has an 'Lr16'/'Lr32' block (PsdLayout.WideBlockKeys).
        var info = output.BeginLength(layout.Large);
        int count = Math.Abs(layout.Count) + newCount;
        if (count > short.MaxValue) throw new ArgumentException($"a PSD holds at most {short.MaxValue} layers");
        output.U16(layout.Count < 0 ? -count : count); // the sign says whether the merged image has transparency: kept
        if (layout.HasLayerInfo) input.CopyTo(output, layout.RecordsStart, layout.RecordsEnd - layout.RecordsStart);
        output.Write(encoded.Records);
        if (layout.HasLayerInfo) input.CopyTo(output, layout.RecordsEnd, layout.ChannelsEnd - layout.RecordsEnd);
        encoded.WriteChannels(output);
        output.EndLength(info, align: 4);
    }

    /// <summary>Each resource as it was, but the thumbnails, the version flag and the per-layer lists; then any bytes after the last resource that reads.</summary>
    private static void WriteResources(byte[] data, int oldCount, int newCount, Stream output)
    {
        var at = output.BeginLength();
        int pos = 0;
        foreach (var r in Imaging.IptcBlock.Entries(data, 0, data.Length))
        {
            var body = data.AsSpan(r.DataAt, r.Size);
            var name = data.AsSpan(r.NameAt, r.NameLength);
            switch (r.Id)
            {
                case PsdResources.Thumbnail or PsdResources.ThumbnailOld:
                    break;
                case PsdResources.VersionInfo when body.Length >= 5 && body[4] == 0:
                    var info = body.ToArray();
                    info[4] = 1; // the merged image written below is the composite
                    Imaging.IptcBlock.WriteResource(output, r.Id, info, name);
                    break;
                case PsdResources.LayerGroups when body.Length == 2 * oldCount:
                    Imaging.IptcBlock.WriteResource(output, r.Id, [.. body, .. new byte[2 * newCount]], name); // group 0: none
                    break;
                case PsdResources.LayerGroupsEnabled when body.Length == oldCount:
                    Imaging.IptcBlock.WriteResource(output, r.Id, [.. body, .. Enumerable.Repeat((byte)1, newCount)], name);
                    break;
                default:
                    output.Write(data, r.Start, r.Next - r.Start);
                    break;
            }
            pos = r.Next;
        }
        output.Write(data, pos, data.Length - pos);
        output.EndLength(at);
    }

    /// <summary>
    /// The file's composite with the new layers over it (or the top new layer alone when it covers the canvas), its
    /// transparency channel with them, and any further channels (saved selections) as they were.
    /// </summary>
    private static void WriteMerged(PsdLayout layout, LayerDocument document, IReadOnlyList<Layer> added, Lazy<PlanarImage> picture,
        Lazy<float[][]> merged, Stream output)
    {
        int width = document.Width, height = document.Height, bits = document.BitsPerSample;
        bool transparency = layout.Count < 0 && layout.Channels >= 4;
        var planes = new LayerChannel[layout.Channels];
        var top = LayerCompositor.CoveringTop(added, width, height);
        if (top is not null)
            for (int c = 0; c < 4; c++) { if (c < 3 || transparency) planes[c] = top.Channel(c); }
        else
        {
            var canvas = picture.Value.Clone();
            foreach (var layer in added)
                if (layer.Visible && layer.Opacity > 0f) LayerCompositor.Blend(canvas, layer);
            if (transparency) WhiteMatte.Apply(canvas);
            for (int c = 0; c < 4; c++) { if (c < 3 || transparency) planes[c] = new LayerChannel(canvas.Data.AsMemory(c * canvas.PlaneSize, canvas.PlaneSize), width); }
        }
        for (int c = transparency ? 4 : 3; c < layout.Channels; c++) planes[c] = new LayerChannel(merged.Value[c], width);
        output.U16(PsdChannelCodec.CompressionFor(bits));
        PsdChannelCodec.Write(output, planes, width, height, bits, layout.Large);
    }
}
