using RetouchPlugins.Standalone.Batch;

namespace RetouchPlugins.Tests.Batch;

/// <summary>Worker count from cores and memory.</summary>
public class MemoryBudgetTests
{
    private const long GB = 1L << 30;

    [Fact]
    public void Workers_are_capped_by_cores_by_the_request_and_by_the_largest_photos_fitting_in_memory()
    {
        long[] small = Enumerable.Repeat(100L << 20, 20).ToArray();
        Assert.Equal(8, MemoryBudget.Workers(small, cores: 8, available: 64 * GB));
        Assert.Equal(3, MemoryBudget.Workers(small, cores: 8, available: 64 * GB, requested: 3));
        Assert.Equal(2, MemoryBudget.Workers(small[..2], cores: 8, available: 64 * GB));

        // 4 GB photos, with 90 % of the available memory to plan with and the fixed 0.6 GB (runtime and models):
        // 9 GB available gives 8.1 GB, one 4 GB photo fits and two (8.6 GB) do not.
        long[] big = [4 * GB, 4 * GB, 1 * GB, 1 * GB];
        Assert.Equal(1, MemoryBudget.Workers(big, cores: 8, available: 9 * GB));
        Assert.Equal(2, MemoryBudget.Workers(big, cores: 8, available: 10 * GB)); // 9 GB: two fit, a third 1 GB one (9.6 GB) does not
        Assert.Equal(4, MemoryBudget.Workers(big, cores: 8, available: 14 * GB));
        Assert.Equal(1, MemoryBudget.Workers([100 * GB], cores: 8, available: 1 * GB)); // one at least (a photo too big alone was refused by Check)
    }

    [Fact]
    public void The_estimate_grows_with_pixels_and_layers()
    {
        var info = new RetouchPlugins.Shared.Imaging.ImageInfo(6000, 4000, 3, 8, 1, null, default, "jpegload", "srgb");
        long flat = MemoryBudget.Estimate(info, MemoryUse.Effect), layered = MemoryBudget.Estimate(info, MemoryUse.LayeredEffect);
        Assert.Equal(24_000_000L * MemoryBudget.EffectBytesPerPixel, flat);
        Assert.True(MemoryBudget.Estimate(info, MemoryUse.Decode) < flat);
        Assert.True(layered > flat);
        Assert.True(MemoryBudget.Available() > 0);
    }

    [Theory]
    [InlineData("mask.psd")]
    [InlineData("mask.psb")]
    public void A_Photoshop_document_s_merged_image_counts_as_it_is_held_while_decoded(string file)
    {
        // The document is read in place; only its merged image (what follows the layer and mask section) is read whole.
        var psd = Path.Combine(AppContext.BaseDirectory, "photoshop", file);
        var bytes = File.ReadAllBytes(psd);
        long merged = bytes.Length - RetouchPlugins.Shared.Layers.Psd.PsdReader.Read(bytes, psd, pixels: false).Layout.MergedAt;
        var info = RetouchPlugins.Shared.Imaging.ImageFile.ReadInfo(psd);
        Assert.Equal((100, 150, merged), (info.Width, info.Height, info.SourceBytesHeld));
        Assert.True(merged > 0 && merged < bytes.Length / 2, $"{merged} of {bytes.Length} bytes"); // the layers are most of the file
        Assert.Equal(15_000L * MemoryBudget.EffectBytesPerPixel + merged, MemoryBudget.Estimate(info, MemoryUse.Effect));
    }
}
