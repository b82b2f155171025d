using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>StyleBlit synthesis and voting on synthetic guides whose right answer is known.</summary>
public sealed class StyleBlitTests
{
    /// <summary>Target size; the style is <see cref="Margin"/> larger each way, so shifts of up to that never leave it.</summary>
    private const int W = 96, H = 80, Margin = 16, SW = W + Margin, SH = H + Margin;

    /// <summary>A style of photo-like features, and a target that is the style shifted by (dx, dy) with a matching positional guide.</summary>
    private static (StyleGuide Style, TargetGuide Target) Shifted(int dx, int dy, float positionError = 0, bool noise = false)
    {
        var features = noise
            ? new PlanarImage(SW, SH, 2, [.. TestImages.Noise(SW, SH, 1), .. TestImages.Noise(SW, SH, 2)])
            : new PlanarImage(SW, SH, 2, [.. TestImages.PhotoLike(SW, SH, 1), .. TestImages.PhotoLike(SW, SH, 2)]);
        var position = new PlanarImage(W, H, 2);
        var tf = new PlanarImage(W, H, 2);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                int sx = x + dx, sy = y + dy;
                position[0, x, y] = sx + positionError; position[1, x, y] = sy;
                for (int c = 0; c < 2; c++) tf[c, x, y] = features[c, sx, sy];
            }
        return (new StyleGuide(features), new TargetGuide(position, tf));
    }

    private static StyleBlitOptions Options(float threshold, ulong seed = 0) =>
        new() { Threshold = threshold, PositionWeight = 5, FeatureWeights = [2, 2], SearchRadius = 12, Seed = seed };

    /// <summary>The reduction of a rectangle read in place is the reduction of its crop to the bit, odd sizes and edges included.</summary>
    [Theory]
    [InlineData(0, 0, 96, 80)]
    [InlineData(7, 5, 33, 21)]
    [InlineData(63, 58, 33, 22)]
    public void Reducing_a_rectangle_in_place_equals_reducing_its_crop(int x, int y, int w, int h)
    {
        var image = new PlanarImage(W, H, 3, [.. TestImages.PhotoLike(W, H, 1), .. TestImages.PhotoLike(W, H, 2), .. TestImages.Noise(W, H, 3)]);
        var inPlace = HalfResolution.Reduce(image, new PixelRect(x, y, w, h));
        var cropped = HalfResolution.Reduce(image.Crop(x, y, w, h));
        Assert.Equal((cropped.Width, cropped.Height), (inPlace.Width, inPlace.Height));
        Assert.Equal(cropped.Data, inPlace.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => HalfResolution.Reduce(image, new PixelRect(x + 1, y, W, h)));
    }

    [Fact]
    public void Matching_guides_give_the_exact_shifted_field()
    {
        var (style, target) = Shifted(7, 3);
        var nnf = StyleBlitSynthesis.Synthesize(target, style, Options(40));
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                Assert.Equal((y + 3) * SW + x + 7, nnf[y * W + x]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_half_resolution_target_with_stride_two_gives_the_exact_full_resolution_shift(int lookupCell)
    {
        // An odd shift: the half-resolution grid of the target does not line up with any 2×2 grid of the style, yet the
        // stride-2 field names full-resolution style pixels, so the up-sampled field is the exact shift.
        var (style, target) = Shifted(7, 3);
        var half = new TargetGuide(HalfPosition(7, 3), HalfResolution.Reduce(target.Features.Images[0]));
        var footprint = new StyleGuide(HalfResolution.FootprintMean(style.Features.Images[0]));
        var nnf = StyleBlitSynthesis.Synthesize(half, footprint, Options(40) with { TargetStride = 2, LookupCell = lookupCell });
        var full = HalfResolution.UpsampleField(nnf, W, H, SW, SH);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                Assert.Equal((y + 3) * SW + x + 7, full[y * W + x]);
    }

    /// <summary>The positional guide of the half-resolution target of <see cref="Shifted"/>: each pixel's top-left child, shifted.</summary>
    private static PlanarImage HalfPosition(int dx, int dy)
    {
        var position = new PlanarImage(HalfResolution.Half(W), HalfResolution.Half(H), 2);
        for (int j = 0; j < position.Height; j++)
            for (int i = 0; i < position.Width; i++) { position[0, i, j] = 2 * i + dx; position[1, i, j] = 2 * j + dy; }
        return position;
    }

    [Fact]
    public void The_field_brought_up_from_half_resolution_adds_each_childs_offset_and_stays_inside_the_style()
    {
        // A 5x3 target (odd: the last parents have one child column / row) over a 4x3 style; parents name (3, 0), (0, 2), ....
        int[] half = [3, 2 * 4 + 0, 1 * 4 + 1, 0, 0, 2 * 4 + 3];
        var full = HalfResolution.UpsampleField(half, 5, 3, 4, 3);
        int[] expected =
        [
            3, 3, 8, 9, 5,
            7, 7, 8, 9, 9, // (3, 0) + (0, 1); (0, 2) + (0, 1) clamps to the last row
            0, 1, 0, 1, 11,
        ];
        Assert.Equal(expected, full);
    }

    [Fact]
    public void Lookup_corrects_a_positional_guide_that_is_off_by_three_pixels()
    {
        // The features (noise) are exact, the positional guide is 3 px off: the per-seed search finds the true
        // match (3 px cost 15, a wrong pixel's features about 2·255·(1/3)·2 = 340) and chunks carry it.
        var (style, target) = Shifted(5, 4, positionError: 3, noise: true);
        var nnf = StyleBlitSynthesis.Synthesize(target, style, Options(40));
        int right = nnf.Where((s, i) => s == (i / W + 4) * SW + i % W + 5).Count();
        Assert.True(right >= 0.9 * nnf.Length, $"{right} of {nnf.Length} pixels found their true match");
    }

    [Fact]
    public void Threshold_zero_is_the_position_only_mapping()
    {
        var (style, target) = Shifted(5, 4, positionError: 2.4f);
        var nnf = StyleBlitSynthesis.Synthesize(target, style, Options(0));
        for (int i = 0; i < nnf.Length; i++)
            Assert.Equal(StyleBlitSynthesis.PositionalPrediction(target, SW, SH, i), nnf[i]);
    }

    [Fact]
    public void Same_seed_same_field_other_seed_other_chunks()
    {
        var (style, _) = Shifted(0, 0);
        // A target whose features are noise: no chunk fits everywhere, so the seeds decide where chunks are cut.
        var position = new PlanarImage(W, H, 2);
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) { position[0, x, y] = x; position[1, x, y] = y; }
        var target = new TargetGuide(position, new PlanarImage(W, H, 2, [.. TestImages.Noise(W, H, 5), .. TestImages.Noise(W, H, 6)]));
        var a = StyleBlitSynthesis.Synthesize(target, style, Options(120, 1));
        var b = StyleBlitSynthesis.Synthesize(target, style, Options(120, 1) with { Kernel = new(1) });
        var c = StyleBlitSynthesis.Synthesize(target, style, Options(120, 2));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, s => Assert.InRange(s, 0, SW * SH - 1));
    }

    [Fact]
    public void Voting_keeps_coherent_copies_and_averages_seams()
    {
        var colours = new PlanarImage(4, 1, 1, [0f, 0.25f, 0.5f, 1f]);
        // Target of 3 pixels: the first two copy style 0,1 coherently, the third jumps to style 3.
        int[] nnf = [0, 1, 3];
        var hard = NnfVoting.Vote(nnf, 3, 1, colours, 0);
        Assert.Equal([0f, 0.25f, 1f], hard.Data);
        var voted = NnfVoting.Vote(nnf, 3, 1, colours, 1);
        // p0: own 0 and right neighbour proposes 1-1 = 0 -> 0. p1: 0+1=1 -> .25, own .25, 3-1=2 -> .5: mean 1/3.
        // p2: left proposes 1+1 = 2 -> .5, own 1 -> mean .75.
        Assert.Equal(0f, voted.Data[0], 6);
        Assert.Equal((0.25f + 0.25f + 0.5f) / 3, voted.Data[1], 6);
        Assert.Equal(0.75f, voted.Data[2], 6);
    }

    [Fact]
    public void The_lookup_table_keeps_exact_matches_and_gives_the_same_field_cold_warm_and_on_one_core()
    {
        // Exact guides: the table's refinement includes the positional prediction, so the field is the exact shift.
        var (style, target) = Shifted(7, 3);
        var withTable = Options(40) with { LookupCell = 4 };
        var nnf = StyleBlitSynthesis.Synthesize(target, style, withTable);
        for (int i = 0; i < nnf.Length; i++) Assert.Equal((i / W + 3) * SW + i % W + 7, nnf[i]);

        // Guides that disagree (noise features, position 2.4 px off): the table's entries are pure functions of their
        // keys, so a cold table, the same table warm, and one core give the same field.
        var (noisyStyle, noisyTarget) = Shifted(5, 4, positionError: 2.4f, noise: true);
        var options = Options(120, 3) with { LookupCell = 3 };
        var cold = StyleBlitSynthesis.Synthesize(noisyTarget, noisyStyle, options);
        var warm = StyleBlitSynthesis.Synthesize(noisyTarget, noisyStyle, options);
        var single = StyleBlitSynthesis.Synthesize(noisyTarget, noisyStyle.Fresh(), options with { Kernel = new(1) });
        Assert.Equal(cold, warm);
        Assert.Equal(cold, single);
        // Noise in the second plane breaks the table's assumption (planes after the first vary slowly, as
        // segmentation does), so its entries are rougher starting points than the full search: measured 76 % of the
        // pixels find their true match (the full search: over 90 %, Lookup_corrects_...). Bound 70 %.
        int right = cold.Where((s, i) => s == (i / W + 4) * SW + i % W + 5).Count();
        Assert.True(right >= 0.7 * cold.Length, $"{right} of {cold.Length} pixels found their true match with the table");
    }

    [Fact]
    public void A_region_leaves_the_pixels_outside_it_at_their_positional_prediction()
    {
        var (style, full) = Shifted(5, 4, positionError: 2.4f, noise: true);
        var region = new bool[W * H];
        for (int i = 0; i < region.Length; i++) region[i] = i % W < W / 2;
        var target = new TargetGuide(full.Position, full.Features, region);
        var nnf = StyleBlitSynthesis.Synthesize(target, style, Options(120));
        var all = StyleBlitSynthesis.Synthesize(full, style, Options(120));
        // Each pixel decides alone from the seeds (which lie anywhere): inside, the field is the full run's.
        for (int i = 0; i < nnf.Length; i++)
            Assert.Equal(region[i] ? all[i] : StyleBlitSynthesis.PositionalPrediction(target, SW, SH, i), nnf[i]);
        Assert.NotEqual(all, nnf); // the full run did not leave the right half at the prediction
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Voting_by_distinct_offsets_equals_the_mean_of_every_neighbours_proposal(int radius)
    {
        // A field of chunks of random sizes and offsets, with single pixels between them, some near the style's edges:
        // the vote reads one colour per distinct offset; the plain mean over all proposals must agree.
        var colours = new PlanarImage(SW, SH, 3, [.. TestImages.PhotoLike(SW, SH, 1), .. TestImages.Noise(SW, SH, 2), .. TestImages.PhotoLike(SW, SH, 3)]);
        var random = new Random(5);
        var nnf = new int[W * H];
        for (int y = 0; y < H; y += 4)
            for (int x = 0; x < W; x += 5)
            {
                int ox = random.Next(-x, SW - x - 5), oy = random.Next(-y, SH - y - 4);
                for (int j = y; j < Math.Min(H, y + 4); j++)
                    for (int i = x; i < Math.Min(W, x + 5); i++)
                        nnf[j * W + i] = random.Next(6) == 0 ? random.Next(SW * SH) : (j + oy) * SW + i + ox;
            }
        var voted = NnfVoting.Vote(nnf, W, H, colours, radius);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                var sum = new double[3];
                int count = 0;
                for (int dy = -radius; dy <= radius; dy++)
                    for (int dx = -radius; dx <= radius; dx++)
                    {
                        int qx = x + dx, qy = y + dy;
                        if (qx < 0 || qy < 0 || qx >= W || qy >= H) continue;
                        int s = nnf[qy * W + qx], sx = s % SW - dx, sy = s / SW - dy;
                        if (sx < 0 || sy < 0 || sx >= SW || sy >= SH) continue;
                        for (int c = 0; c < 3; c++) sum[c] += colours[c, sx, sy];
                        count++;
                    }
                for (int c = 0; c < 3; c++)
                    Assert.True(Math.Abs(sum[c] / count - voted[c, x, y]) <= 1e-6, $"({x}, {y}) plane {c}: {voted[c, x, y]} against the plain mean {sum[c] / count}");
            }
    }

    [Fact]
    public void Voting_a_pure_shift_gives_the_shifted_style_and_a_region_keeps_its_own_proposals_outside()
    {
        var colours = new PlanarImage(SW, SH, 1, TestImages.PhotoLike(SW, SH, 1));
        var nnf = new int[W * H];
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) nnf[y * W + x] = (y + 3) * SW + x + 7;
        var voted = NnfVoting.Vote(nnf, W, H, colours, 1);
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) Assert.Equal(colours[0, x + 7, y + 3], voted[0, x, y], 1e-6); // the border's 2×3 mean may round

        // A seam: the right half copies from 5 px further left; the vote blends across it, except outside the region.
        for (int y = 0; y < H; y++) for (int x = W / 2; x < W; x++) nnf[y * W + x] = (y + 3) * SW + x + 7 - 5;
        var region = new bool[W * H];
        for (int i = 0; i < region.Length; i++) region[i] = i % W != W / 2;
        var blended = NnfVoting.Vote(nnf, W, H, colours, 1);
        var kept = NnfVoting.Vote(nnf, W, H, colours, 1, region: region);
        int y0 = H / 2, seam = y0 * W + W / 2;
        Assert.Equal(colours.Data[nnf[seam]], kept.Data[seam]);
        Assert.NotEqual(colours.Data[nnf[seam]], blended.Data[seam], 4);
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"sample {i}: {actual[i]} against {expected[i]}");
    }

    /// <summary>
    /// Voting on a half-resolution field as it is equals voting on the field brought up to full resolution:
    /// chunks, random single parents, parents at the style's last column and row (their children are clamped), odd
    /// target sizes, a region, radius 1 and 2.
    /// </summary>
    [Theory]
    [InlineData(96, 80, 1)]
    [InlineData(95, 79, 1)]
    [InlineData(95, 79, 2)]
    public void Voting_a_half_resolution_field_equals_voting_it_brought_up(int width, int height, int radius)
    {
        var colours = new PlanarImage(SW, SH, 3, [.. TestImages.PhotoLike(SW, SH, 1), .. TestImages.PhotoLike(SW, SH, 2), .. TestImages.Noise(SW, SH, 3)]);
        var random = new Random(5);
        int hw = HalfResolution.Half(width), hh = HalfResolution.Half(height);
        var half = new int[hw * hh];
        for (int j = 0; j < hh; j += 3)
            for (int i = 0; i < hw; i += 4)
            {
                int ox = random.Next(0, SW - 2 * i - 8), oy = random.Next(0, SH - 2 * j - 6);
                for (int b = j; b < Math.Min(hh, j + 3); b++)
                    for (int a = i; a < Math.Min(hw, i + 4); a++)
                        half[b * hw + a] = random.Next(5) switch
                        {
                            0 => random.Next(SW * SH),
                            1 => random.Next(SH) * SW + SW - 1, // last column
                            2 => (SH - 1) * SW + random.Next(SW), // last row
                            _ => (2 * b + oy) * SW + 2 * a + ox,
                        };
            }
        var region = new bool[width * height];
        for (int p = 0; p < region.Length; p++) region[p] = random.Next(8) != 0;
        var full = HalfResolution.UpsampleField(half, width, height, SW, SH);
        // Radius 1 on RGB reads per parent: the same mean, added in another order (1e-6); other radii are the same code.
        double tolerance = radius == 1 ? 1e-6 : 0;
        AssertClose(NnfVoting.Vote(full, width, height, colours, radius).Data, NnfVoting.VoteUpsampled(half, width, height, colours, radius).Data, tolerance);
        AssertClose(NnfVoting.Vote(full, width, height, colours, radius, region: region).Data, NnfVoting.VoteUpsampled(half, width, height, colours, radius, region: region).Data, tolerance);
        var grey = new PlanarImage(SW, SH, 1, colours.Plane(0).ToArray());
        Assert.Equal(NnfVoting.Vote(full, width, height, grey, radius).Data, NnfVoting.VoteUpsampled(half, width, height, grey, radius).Data);
        Assert.Throws<ArgumentException>(() => NnfVoting.VoteUpsampled(full, width, height, colours, radius));
    }

    /// <summary>Voting straight into a photo through a weight is, to the bit, voting into an image and compositing it; outside the rectangle and where the weight is 0 nothing changes.</summary>
    [Fact]
    public void Voting_into_the_photo_equals_voting_then_compositing()
    {
        const int width = 41, height = 33;
        var colours = new PlanarImage(SW, SH, 3, [.. TestImages.PhotoLike(SW, SH, 1), .. TestImages.PhotoLike(SW, SH, 2), .. TestImages.Noise(SW, SH, 3)]);
        var random = new Random(11);
        int hw = HalfResolution.Half(width), hh = HalfResolution.Half(height);
        var half = new int[hw * hh];
        for (int i = 0; i < half.Length; i++) half[i] = random.Next(3) == 0 ? random.Next(SW * SH) : (i / hw * 2 + 9) * SW + i % hw * 2 + 5;
        var weight = new PlanarImage(width, height, 1);
        for (int i = 0; i < weight.Data.Length; i++) weight.Data[i] = random.Next(3) switch { 0 => 0, 1 => 1, _ => (float)random.NextDouble() };
        var photo = new PlanarImage(W, H, 4, [.. TestImages.Noise(W, H, 7), .. TestImages.Noise(W, H, 8), .. TestImages.Noise(W, H, 9), .. TestImages.Noise(W, H, 10)]);
        var rect = new PixelRect(13, 20, width, height);

        var expected = photo.Clone();
        var shown = Array.ConvertAll(weight.Data, w => w > 0);
        MaskMath.Composite(expected, NnfVoting.VoteUpsampled(half, width, height, colours, 1, region: shown), weight, rect, exactAtFull: true);
        var actual = photo.Clone();
        NnfVoting.VoteUpsampledInto(half, colours, actual, rect, weight);
        Assert.Equal(expected.Data, actual.Data);
        Assert.NotEqual(photo.Data, actual.Data);
        for (int c = 0; c < 4; c++)
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                {
                    bool inside = x >= rect.X && y >= rect.Y && x < rect.Right && y < rect.Bottom;
                    if (c == 3 || !inside || weight[0, x - rect.X, y - rect.Y] == 0) Assert.Equal(photo[c, x, y], actual[c, x, y]);
                }
        Assert.Throws<ArgumentOutOfRangeException>(() => NnfVoting.VoteUpsampledInto(half, colours, actual, new PixelRect(W - 10, 0, width, height), weight));
        Assert.Throws<ArgumentException>(() => NnfVoting.VoteUpsampledInto(half, colours, actual, new PixelRect(0, 0, width - 1, height), new PlanarImage(width - 1, height, 1)));
    }
}
