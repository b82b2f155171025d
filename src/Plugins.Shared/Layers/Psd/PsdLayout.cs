namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Where a PSD's parts lie in its bytes, as <see cref="PsdReader"/> found them: what <see cref="PsdAppender"/> needs
/// to add layers on top while copying everything else byte for byte. Offsets of a length field are the field's
/// own position; section ends are exclusive.
/// </summary>
internal sealed class PsdLayout
{
    /// <summary>Channels of the merged image (the header's count: R, G, B, then transparency or alpha channels).</summary>
    public int Channels { get; set; }

    public long ResourcesAt { get; set; }

    public long LayerSectionAt { get; set; }
    public long LayerSectionEnd { get; set; }

    /// <summary>
    /// The length field of the layer info that holds the layers: the section's own, or a 16/32-bit document's
    /// 'Lr16'/'Lr32' block (Photoshop leaves the section's empty then). -1 when the file has no layer and mask
    /// section at all.
    /// </summary>
    public long InfoAt { get; set; } = -1;
    public bool InfoIsTaggedBlock { get; set; }
    /// <summary>Where what follows the layer info starts (a tagged block's data is padded to 4 bytes).</summary>
    public long InfoPaddedEnd { get; set; }

    /// <summary>The layer count as stored: negative when the merged image's first alpha channel is its transparency.</summary>
    public int Count { get; set; }
    public long RecordsStart { get; set; }
    public long RecordsEnd { get; set; }
    /// <summary>The end of the last layer's channel data (before any padding).</summary>
    public long ChannelsEnd { get; set; }

    public long MergedAt { get; set; }

    /// <summary>
    /// False when Photoshop saved without "Maximize PSD and PSB File Compatibility" (resource 1057 says so): the
    /// merged image is then not the document's composite.
    /// </summary>
    public bool HasRealComposite { get; set; } = true;

    public bool HasLayerInfo => InfoAt >= 0 && Count != 0;

    /// <summary>
    /// A large document (PSB, version 2): the layer and mask section's, the layer info's and each layer channel's lengths
    /// take 8 bytes, as do the tagged blocks of <see cref="WideBlockKeys"/>, and RLE row counts 4.
    /// </summary>
    public bool Large { get; set; }

    /// <summary>The tagged blocks whose length takes 8 bytes in a PSB (Adobe's specification, "Additional Layer Information").</summary>
    public static readonly IReadOnlySet<string> WideBlockKeys =
        new HashSet<string> { "LMsk", "Lr16", "Lr32", "Layr", "Mt16", "Mt32", "Mtrn", "Alph", "FMsk", "lnk2", "FEid", "FXid", "PxSD" };

    /// <summary>Bytes of a section's or a layer channel's length field.</summary>
    public int LengthBytes => Large ? 8 : 4;
}
