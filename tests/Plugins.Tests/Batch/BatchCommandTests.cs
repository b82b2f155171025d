using System.CommandLine;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone.Batch;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Batch;

/// <summary>`retouch batch` run in-process through its command line, on crops of the sample photos.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly BatchTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A batch's analysis and writer; null analysis runs the real analyzer, null writer the real one.</summary>
    private sealed record Setup(IAnalysisProvider? Analysis, ResultWriter? Write = null);

    /// <summary>Parses and invokes `retouch batch ARGS`; <paramref name="setup"/> null runs the real analyzer.</summary>
    private int Batch(Setup? setup, params string[] args)
    {
        var root = new RootCommand { BatchCommand.Create(_files.Console, setup?.Analysis, setup?.Write) };
        return root.Parse(["batch", .. args]).Invoke();
    }

    /// <summary>The hand-placed face (fast; for tests about files, not faces).</summary>
    private static Setup HandPlaced(ResultWriter? write = null) =>
        new(new DelegateAnalysisProvider((image, _) => BatchTestFiles.FaceCropAnalysis(image)), write);

    private string FaceCropInput(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        BatchTestFiles.SaveSampleCrop("sample1.jpg", BatchTestFiles.CropX, BatchTestFiles.CropY, BatchTestFiles.CropSize, BatchTestFiles.CropSize, path);
        return path;
    }

    [Fact]
    public void A_corrupt_file_is_reported_and_skipped_the_good_photos_finish_and_the_exit_code_says_so()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", 1220, 0, 700, 560, Path.Combine(input, "group1.jpg"));
        BatchTestFiles.SaveSampleCrop("sample2.jpg", 560, 200, 800, 560, Path.Combine(input, "group2.jpg"));
        var whole = File.ReadAllBytes(Path.Combine(input, "group2.jpg"));
        File.WriteAllBytes(Path.Combine(input, "broken.jpg"), whole[..(whole.Length / 2)]); // header fine, data cut off
        File.WriteAllText(Path.Combine(input, "notes.jpg"), "not a photo"); // fails already at the header

        int code = Batch(null, input, "-o", output, "--jobs", "2"); // the real face analyzer

        Assert.Equal(BatchSummary.SomeFailed, code);
        Assert.Equal(["group1.jpg", "group2.jpg"], BatchTestFiles.FilesIn(output)); // nothing for the bad files, no temporaries
        var brokenRow = _files.Text.Split('\n').Single(l => l.Contains("broken.jpg") && l.Contains("failed"));
        Assert.Contains("truncated or damaged", brokenRow);
        Assert.Contains("not an image", _files.Text.Split('\n').Single(l => l.Contains("notes.jpg") && l.Contains("failed")));
        Assert.Contains("2 done, 0 skipped, 2 failed", _files.Text);
        Assert.Matches(@"group1\.jpg\s*│\s*done\s*│.*[1-9] face\(s\)", _files.Text);
    }

    [Fact]
    public void A_phone_s_heic_fails_with_how_to_export_an_avif_is_retouched_to_jpeg_and_camera_raws_are_named_not_failed()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        var crop = Path.Combine(_files.Root, "crop.png");
        FaceCropInput(_files.Root, "crop.png");
        Layers.ExternalTool.Run("convert", [crop, "-quality", "80", Path.Combine(input, "IMG_0042.heic")]);
        Layers.ExternalTool.Run("convert", [crop, "-quality", "90", Path.Combine(input, "IMG_0043.avif")]);
        File.WriteAllText(Path.Combine(input, "DSC_0044.NEF"), "a camera raw file"); // beside the camera's JPEG, as studios shoot
        FaceCropInput(input, "DSC_0044.jpg");

        int code = Batch(HandPlaced(), input, "-o", output);

        Assert.Equal(BatchSummary.SomeFailed, code); // the HEIC
        Assert.Equal(["DSC_0044.jpg", "IMG_0043.jpg"], BatchTestFiles.FilesIn(output)); // AVIF read, written as JPEG
        Assert.Equal(500, Shared.Imaging.ImageFile.ReadInfo(Path.Combine(output, "IMG_0043.jpg")).Width);
        var heicRow = _files.Text.Split('\n').Single(l => l.Contains("IMG_0042.heic") && l.Contains("failed"));
        Assert.Contains("HEIC photo coded with HEVC", heicRow);
        Assert.Contains("export it as JPEG", heicRow);
        Assert.DoesNotContain("DSC_0044.NEF │", _files.Text); // not a row of the table
        Assert.Contains("2 done, 0 skipped, 1 failed", _files.Text);
        Assert.Contains("left alone: 1 camera raw file(s) (DSC_0044.NEF)", _files.Text);
    }

    [Fact]
    public void A_batch_keeps_no_photos_analysis_once_that_photo_is_written()
    {
        // Three different crops of real photos through the real models, opened as the batch command opens them.
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", 1220, 0, 700, 560, Path.Combine(input, "group1.jpg"));
        BatchTestFiles.SaveSampleCrop("sample2.jpg", 560, 200, 800, 560, Path.Combine(input, "group2.jpg"));
        FaceCropInput(input, "face.jpg");
        using var models = CommandAnalysis.Open(forceCpu: false);
        var watching = new WatchingAnalysis(models);

        int code = Batch(new Setup(watching), input, "-o", output, "--jobs", "1");

        Assert.True(code == 0, _files.Text);
        Assert.Equal(3, watching.Analyses.Count);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // A kept analysis holds the photo's masks (and, through those still to be carried up, the photo): 0.6 GB at 24 MP.
        Assert.All(watching.Analyses, a => Assert.False(a.IsAlive, "an analysis outlived its photo"));
        GC.KeepAlive(models);
    }

    /// <summary>Passes analyses through and watches them without keeping them.</summary>
    private sealed class WatchingAnalysis(IAnalysisProvider inner) : IAnalysisProvider
    {
        public List<WeakReference> Analyses { get; } = [];

        public void Prepare(AnalysisRequest request) => inner.Prepare(request);

        public Shared.Faces.PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null,
            CancellationToken cancellation = default)
        {
            var analysis = inner.Analyze(image, request, progress, cancellation);
            lock (Analyses) Analyses.Add(new WeakReference(analysis));
            return analysis;
        }
    }

    [Fact]
    public void Stylize_in_batch_takes_a_style_file_and_its_landmark_file_for_every_photo()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", 1220, 0, 700, 560, Path.Combine(input, "group1.jpg"));
        BatchTestFiles.SaveSampleCrop("sample2.jpg", 560, 200, 800, 560, Path.Combine(input, "group2.jpg"));
        // The bundled pencil style as a user's files (a path each, as a user passes them).
        string styles = Path.Combine(AppContext.BaseDirectory, "styles");
        int code = Batch(null, input, "-o", output, "--effect", "stylize", "--style", Path.Combine(styles, "pencil.jpg"),
            "--style-landmarks", Path.Combine(styles, "pencil.json"), "--format", "png");

        Assert.True(code == 0, _files.Text);
        Assert.Equal(["group1.png", "group2.png"], BatchTestFiles.FilesIn(output));
        Assert.Contains("2 done, 0 skipped, 0 failed", _files.Text);
        foreach (var name in new[] { "group1", "group2" })
        {
            // The pencil style is grey: the stylized photo holds clearly more grey pixels than the photo.
            var before = Shared.Imaging.ImageFile.Load(Path.Combine(input, name + ".jpg")).Pixels;
            var after = Shared.Imaging.ImageFile.Load(Path.Combine(output, name + ".png")).Pixels;
            Assert.True(GreyPixels(after) > GreyPixels(before) + 2000, $"{name}: {GreyPixels(before)} grey pixels before, {GreyPixels(after)} after");
        }
    }

    /// <summary>A bundled style is named bare on the command line (the help says so); a name that is neither bundled nor a file is an error naming the path.</summary>
    [Fact]
    public void Stylize_takes_a_bundled_style_by_name()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", 1220, 0, 700, 560, Path.Combine(input, "group1.jpg"));
        int code = Batch(null, input, "-o", output, "--effect", "stylize", "--style", "PENCIL", "--format", "png");
        Assert.True(code == 0, _files.Text);
        var before = Shared.Imaging.ImageFile.Load(Path.Combine(input, "group1.jpg")).Pixels;
        var after = Shared.Imaging.ImageFile.Load(Path.Combine(output, "group1.png")).Pixels;
        Assert.True(GreyPixels(after) > GreyPixels(before) + 2000, $"{GreyPixels(before)} grey pixels before, {GreyPixels(after)} after");

        code = Batch(null, input, "-o", Path.Combine(_files.Root, "out2"), "--effect", "stylize", "--style", "pencill");
        Assert.NotEqual(0, code);
        Assert.Contains(Path.GetFullPath("pencill") + ": style not found", _files.Text);
    }

    /// <summary>Pixels whose channels differ by less than 2/255 (the pencil style's own spread).</summary>
    private static int GreyPixels(RetouchPlugins.Shaders.PlanarImage image)
    {
        int n = image.PlaneSize, count = 0;
        for (int i = 0; i < n; i++)
        {
            float r = image.Data[i], g = image.Data[n + i], b = image.Data[2 * n + i];
            if (MathF.Max(r, MathF.Max(g, b)) - MathF.Min(r, MathF.Min(g, b)) < 2f / 255) count++;
        }
        return count;
    }

    [Fact]
    public void A_rerun_skips_finished_outputs_leaves_them_untouched_and_clears_stale_temporaries()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        FaceCropInput(input, "a.jpg");
        FaceCropInput(input, "b.jpg");
        Assert.Equal(BatchSummary.AllOk, Batch(HandPlaced(), input, "-o", output, "--format", "png"));
        var stamps = BatchTestFiles.FilesIn(output).ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(output, f)));
        Assert.Equal(["a.png", "b.png"], stamps.Keys.Order());
        var past = DateTime.UtcNow.AddHours(-1); // a rewrite would move the stamp to now
        foreach (var f in stamps.Keys) File.SetLastWriteTimeUtc(Path.Combine(output, f), past);
        // What a hard-killed run leaves behind (AtomicFile's temporary name), and a hidden file of the user's.
        File.WriteAllText(Path.Combine(output, $".c.{Guid.NewGuid():N}.tmp.png"), "half a PNG");
        File.WriteAllText(Path.Combine(output, ".notes"), "mine");

        int code = Batch(HandPlaced(), input, "-o", output, "--format", "png");

        Assert.Equal(BatchSummary.AllOk, code);
        Assert.Equal([".notes", "a.png", "b.png"], BatchTestFiles.FilesIn(output));
        foreach (var f in stamps.Keys) Assert.Equal(past, File.GetLastWriteTimeUtc(Path.Combine(output, f)));
        Assert.Contains("0 done, 2 skipped, 0 failed", _files.Text);
    }

    [Fact]
    public void A_write_that_fails_part_way_leaves_the_existing_output_as_it_was()
    {
        string input = _files.Folder("in"), output = _files.Folder("out");
        FaceCropInput(input, "a.jpg");
        Assert.Equal(BatchSummary.AllOk, Batch(HandPlaced(), input, "-o", output, "--format", "ora"));
        var before = File.ReadAllBytes(Path.Combine(output, "a.ora"));

        // Same layers, but the disk "fills up" 100 kB into the new file.
        ResultWriter failing = (original, result, effect, path, _) =>
            LayerFile.Write(OutputLayers.Build(original, result, effect), path, s => new FailingStream(s, 100_000));
        int code = Batch(HandPlaced(failing), input, "-o", output, "--format", "ora", "--overwrite");

        Assert.Equal(BatchSummary.SomeFailed, code);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, "a.ora")));
        Assert.Equal(["a.ora"], BatchTestFiles.FilesIn(output));
        Assert.Contains("simulated: no space left on device", _files.Text);
        Assert.Equal(4, LayerFile.Read(Path.Combine(output, "a.ora")).Layers.Count);
    }

    [Fact]
    public void Bad_arguments_exit_2_and_write_nothing()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        FaceCropInput(input, "a.jpg");

        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), Path.Combine(_files.Root, "missing"), "-o", output));
        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), input, "-o", input));
        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), input, "-o", output, "--layers", "--format", "jpg"));
        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), input, "-o", output, "--strength", "7"));
        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), input, "-o", output, "--format", "gif"));
        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), input, "-o", output, "--effect", "sharpen"));
        Assert.Equal(BatchSummary.BadArguments, Batch(HandPlaced(), input, "-o", output, "--jobs", "0"));

        Assert.False(Directory.Exists(output));
        Assert.Equal(["a.jpg"], BatchTestFiles.FilesIn(input));
        Assert.Contains("missing: no such folder", _files.Text);
        Assert.Contains("must differ from the input folder", _files.Text);
        Assert.Contains("--format gif: use one of jpg, png, tif, ora, psd, psb", _files.Text);
    }

    [Fact]
    public void Points_in_one_photo_s_pixels_are_not_offered_for_a_folder()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        FaceCropInput(input, "a.jpg");
        var batch = BatchCommand.Create(_files.Console, HandPlaced().Analysis);
        var pointParameters = EffectCatalog.All.SelectMany(e => e.Descriptor.Parameters).Where(p => p.IsPoints).Select(p => "--" + p.Name).Distinct().ToList();
        Assert.Equal(["--spots", "--keep"], pointParameters);
        Assert.Contains(batch.Options, o => o.Name == "--sensitivity"); // the blemish effect's other options are offered
        foreach (var option in pointParameters)
        {
            Assert.DoesNotContain(batch.Options, o => o.Name == option);
            Assert.NotEqual(0, Batch(HandPlaced(), input, "-o", output, "--effect", "blemishes", option, "10,10"));
        }
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_cancelled_batch_exits_130_and_writes_nothing()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        FaceCropInput(input, "a.jpg");
        FaceCropInput(input, "b.jpg");
        var skin = EffectCatalog.Get("skin").Create();
        var request = new BatchRequest(input, output, "png", false, null, false, skin.Descriptor.DefaultSettings());
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        int code = BatchCommand.Run(skin, request, _files.Console, HandPlaced().Analysis, cancel.Token);

        Assert.Equal(BatchSummary.Cancelled, code);
        Assert.Empty(BatchTestFiles.FilesIn(output));
        Assert.Contains("0 done, 0 skipped, 0 failed, 2 cancelled", _files.Text);
    }

}
