namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// Whether libvips could be loaded in this process, and how it is set up; what <c>retouch doctor</c> prints.
/// Reading it never throws: when the native library cannot load (a missing file, or a missing import of it, as
/// under Wine 8) <see cref="Problem"/> says why in one line.
/// </summary>
/// <param name="LibvipsVersion">"8.18.7", or null when libvips is not loaded.</param>
/// <param name="NetVipsVersion">The version of the NetVips binding assembly ("3.2.0").</param>
/// <param name="Concurrency">libvips' worker threads per image; 0 when not loaded.</param>
/// <param name="Problem">Why libvips is unavailable, one line; null when it is loaded.</param>
public sealed record VipsStatus(string? LibvipsVersion, string NetVipsVersion, int Concurrency, string? Problem)
{
    public bool Loaded => Problem is null;
}
