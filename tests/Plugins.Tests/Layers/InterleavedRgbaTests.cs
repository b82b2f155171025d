using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>The raw form the web page draws: 8-bit RGBA rows; grey spread to RGB, opaque without an alpha plane.</summary>
public sealed class InterleavedRgbaTests
{
    [Fact]
    public void Rgb_planes_become_opaque_rgba_rows()
    {
        var image = new PlanarImage(3, 2, 3);
        image[0, 2, 1] = 1f; image[1, 2, 1] = 0.5f; image[2, 0, 0] = 0.2f;

        var bytes = InterleavedRgba.Encode(image);

        Assert.Equal(3 * 2 * 4, bytes.Length);
        Assert.Equal(new byte[] { 255, 128, 0, 255 }, bytes[20..24]); // (2, 1): row 1, column 2
        Assert.Equal(new byte[] { 0, 0, 51, 255 }, bytes[0..4]);
    }

    [Fact]
    public void A_mask_is_grey_and_an_alpha_plane_is_kept()
    {
        var mask = new PlanarImage(1, 1, 1);
        mask[0, 0, 0] = 0.6f;
        Assert.Equal(new byte[] { 153, 153, 153, 255 }, InterleavedRgba.Encode(mask));

        var rgba = new PlanarImage(1, 1, 4);
        rgba[3, 0, 0] = 0.25f;
        Assert.Equal(64, InterleavedRgba.Encode(rgba)[3]);
    }
}
