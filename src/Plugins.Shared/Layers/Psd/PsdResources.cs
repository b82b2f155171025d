namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// The ids of the Photoshop image resources ("8BIM", id, Pascal name, size, data) the PSD reader, writer and appender
/// read or change (Adobe's "Photoshop File Formats Specification", Image Resource IDs).
/// </summary>
internal static class PsdResources
{
    public const int LayerGroups = 1026, Iptc = 1028, ThumbnailOld = 1033, Thumbnail = 1036, IccProfile = 1039, VersionInfo = 1057, Exif = 1058, Xmp = 1060,
        LayerGroupsEnabled = 1072;
}
