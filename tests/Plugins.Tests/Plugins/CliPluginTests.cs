using System.CommandLine;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Batch;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Plugins;

/// <summary>Plugin effects on the command line: `retouch ID` on a real photo, `retouch effects`, batch, and a failing plugin as one error line.</summary>
public sealed class CliPluginTests : IDisposable
{
    private readonly BatchTestFiles _files = new();
    private readonly PluginFolder _plugins = new(PluginFolder.Sample, PluginFolder.Broken);

    public void Dispose()
    {
        _plugins.Dispose();
        _files.Dispose();
    }

    private static string Sample(int n) => Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{n}.jpg");

    [Fact]
    public void The_plugins_option_is_read_before_the_commands_are_built_and_the_sample_effect_is_a_command()
    {
        var catalog = PluginArguments.Catalog(["effects", "--plugins", _plugins.Path], variable: null);
        var viaEquals = PluginArguments.Catalog([$"--plugins={_plugins.Path}", "effects"], variable: null);
        var viaVariable = PluginArguments.Catalog(["effects"], variable: _plugins.Path);

        Assert.All(new[] { catalog, viaEquals, viaVariable }, c => Assert.NotNull(c.Find(PluginFolder.VignetteId)));
        var command = Assert.Single(Program.Root(catalog).Subcommands, c => c.Name == PluginFolder.VignetteId);
        Assert.Contains(command.Options, o => o.Name == "--strength");
        Assert.Contains(command.Options, o => o.Name == "--reach");
    }

    [Fact]
    public void Retouch_runs_the_plugin_effect_on_a_real_photo_and_writes_its_layers()
    {
        string output = Path.Combine(_files.Root, "sample1-vignette.ora");
        var catalog = PluginArguments.Catalog(["--plugins", _plugins.Path], variable: null);

        int code = Program.Root(catalog).Parse([PluginFolder.VignetteId, Sample(1), "-o", output, "--strength", "0.8", "--plugins", _plugins.Path]).Invoke();

        Assert.Equal(RunExit.Ok, code);
        var layers = LayerFile.Read(output).Layers;
        Assert.Equal(["Original", "Vignetted", "Vignette"], layers.Select(l => l.Name));
        var original = ImageFile.Load(Sample(1)).Pixels;
        var result = layers[1].Pixels;
        KeepForLooking(result, "sample1-portrait-vignette.png");
        KeepForLooking(layers[2].Pixels, "sample1-portrait-vignette-mask.png");
        // sample1: three faces across the middle. The corners get darker; the faces' middle keeps its pixels (8-bit layers).
        double Lightness(RetouchPlugins.Shaders.PlanarImage image, int x0, int y0) => Enumerable.Range(0, 3).Average(c => Enumerable.Range(0, 40)
            .SelectMany(dy => Enumerable.Range(0, 40).Select(dx => (double)image[c, x0 + dx, y0 + dy])).Average());
        foreach (var (x, y) in new[] { (0, 0), (1880, 0), (0, 1240), (1880, 1240) })
            Assert.True(Lightness(result, x, y) < Lightness(original, x, y) * 0.8 + 0.01,
                $"corner ({x},{y}): {Lightness(result, x, y):0.000} against {Lightness(original, x, y):0.000}");
        Assert.Equal(Lightness(original, 940, 500), Lightness(result, 940, 500), 2);
    }

    [Fact]
    public void Effects_lists_the_plugin_with_its_file_and_the_refused_plugins()
    {
        var catalog = _plugins.Catalog();

        int code = new RootCommand { EffectsCommand.Create(catalog, _files.Console) }.Parse(["effects"]).Invoke();

        Assert.Equal(0, code);
        Assert.Contains($"{PluginFolder.VignetteId}  Portrait Vignette (sample plugin) (plugin {PluginFolder.Sample}.dll 1.0.0.0)", _files.Text);
        Assert.Contains("skin" + new string(' ', PluginFolder.VignetteId.Length - 4) + "  Portrait Retouch (built-in)", _files.Text);
        Assert.Contains($"refused {Path.Combine(_plugins.Path, PluginFolder.Broken + ".dll")}: BrokenPlugin.ThrowsInConstructorEffect: its constructor threw", _files.Text);
    }

    [Fact]
    public void Batch_runs_the_plugin_effect()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", BatchTestFiles.CropX, BatchTestFiles.CropY, 300, 300, Path.Combine(input, "a.jpg"));
        var root = new RootCommand { BatchCommand.Create(_files.Console, new DelegateAnalysisProvider((image, _) => BatchTestFiles.FaceCropAnalysis(image)),
            catalog: _plugins.Catalog()) };

        int code = root.Parse(["batch", input, "-o", output, "--effect", PluginFolder.VignetteId, "--reach", "1.2"]).Invoke();

        Assert.True(code == RunExit.Ok, _files.Text);
        Assert.Equal(["a.jpg"], BatchTestFiles.FilesIn(output));
    }

    [Fact]
    public void A_plugin_that_fails_in_Render_is_one_error_line_naming_the_plugin_and_nothing_is_written()
    {
        string output = Path.Combine(_files.Root, "out.png");
        var effect = _plugins.Catalog().Get("throws-in-render").Create();

        int code = EffectCommand.Run(effect, new RunRequest(Sample(2), output, effect.Descriptor.DefaultSettings()), _files.Console, null, CancellationToken.None);

        Assert.Equal(RunExit.BadInput, code);
        Assert.Contains($"error: {Path.Combine(_plugins.Path, PluginFolder.Broken + ".dll")}: the plugin effect 'throws-in-render' failed while rendering: " +
            "IndexOutOfRangeException: row 7 of 6", _files.Text);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void The_host_options_a_plugin_parameter_may_not_take_are_every_option_of_the_effect_commands_and_batch()
    {
        var root = Program.Root();
        var parameters = EffectCatalog.All.SelectMany(e => e.Descriptor.Parameters).SelectMany(p => new[] { p.Name, "no-" + p.Name }).ToHashSet();
        var hostOptions = root.Subcommands.Where(c => EffectCatalog.Find(c.Name) is not null || c.Name == "batch")
            .SelectMany(c => c.Options.Concat(root.Options))
            .SelectMany(o => o.Aliases.Append(o.Name)).Select(n => n.TrimStart('-', '/')).Where(n => !parameters.Contains(n) && n != "?")
            .ToHashSet();

        Assert.Empty(hostOptions.Except(PluginArguments.HostOptions));
        Assert.Equal(root.Subcommands.Where(c => EffectCatalog.Find(c.Name) is null).Select(c => c.Name).Order(),
            PluginArguments.ToolCommands.Where(n => n != "help").Order());
    }

    /// <summary>The vignetted photo, for a person to look at (artifacts/plugins/).</summary>
    private static void KeepForLooking(RetouchPlugins.Shaders.PlanarImage image, string name)
    {
        if (Repository.RootOrNull() is not { } root) return;
        var folder = Directory.CreateDirectory(Path.Combine(root, "artifacts", "plugins")).FullName;
        ImageFile.SavePng(image, Path.Combine(folder, name));
    }
}
