using RetouchPlugins.Tests.Support;
using Microsoft.Playwright;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// The page in Debian's chromium driven by Playwright (no browser download: the installed executable; `.ci/run`
/// installs it): open a photo, wait for the analysis, move a slider and see the preview change, toggle a layer,
/// render at full resolution, export a PSD and read its layers back; and the open round trip on a TIFF.
/// Screenshots go to artifacts/webhost/.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostPageTests(HostFixture host)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 240_000 };

    [Fact]
    public async Task Open_analyse_move_a_slider_toggle_a_layer_render_and_export_a_PSD()
    {
        await using var browser = await Browser.Start();
        var page = await browser.Open(host.Factory);

        await OpenAnalysed(page, 1);
        double first = await Checksum(page);

        await page.Locator("input[name=strength]").FillAsync("0");
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '2'", null, new() { Timeout = 120_000 });
        double untouched = await Checksum(page);
        Assert.NotEqual(first, untouched); // strength 0 shows the photo as it was

        await page.Locator("input[name=strength]").FillAsync("1");
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '3'", null, new() { Timeout = 120_000 });
        string draws = await page.EvaluateAsync<string>("() => document.body.dataset.draws");
        double retouched = await Checksum(page);
        await page.GetByLabel("show Skin mask").CheckAsync();
        await page.WaitForFunctionAsync($"() => document.body.dataset.draws !== '{draws}'");
        Assert.NotEqual(retouched, await Checksum(page)); // the mask is drawn over the photo
        await page.Locator("#split").FillAsync("50");
        await browser.Screenshot(page, "page-preview.png");

        await page.ClickAsync("#render");
        await Expect(page.Locator("#render-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^ready: 1920 x 1280"), new() { Timeout = 240_000 });
        await page.Locator("#export-format").SelectOptionAsync("psd");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var psd = Path.Combine(browser.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(psd);

        Assert.Equal("sample1-skin.psd", download.SuggestedFilename);
        var document = LayerFile.Read(psd);
        Assert.Equal(["Original", "Retouched", "Skin mask", "Healed blemishes"], document.Layers.Select(l => l.Name));
        Assert.Equal((1920, 1280), (document.Width, document.Height));
        browser.AssertQuiet();
    }

    [Fact]
    public async Task A_click_on_the_photo_asks_for_a_spot_to_be_healed_there_or_a_mark_kept()
    {
        await using var browser = await Browser.Start();
        var page = await browser.Open(host.Factory);
        await OpenAnalysed(page, 1);
        await page.Locator("#effect").SelectOptionAsync("blemishes");
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '2'", null, new() { Timeout = 120_000 });

        // A cheek of sample1's right-hand face at (1019, 566) of its 1920 x 1280 pixels, wherever the canvas is drawn.
        var box = (await page.Locator("#canvas").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + 1019.5f / 1920 * box.Width, box.Y + 566.5f / 1280 * box.Height);
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '3'", null, new() { Timeout = 120_000 });
        string point = await page.Locator("input[name=spots]").InputValueAsync();
        var xy = point.Split(',').Select(double.Parse).ToArray();
        Assert.InRange(xy[0], 1017, 1022); // the canvas is scaled to the viewport: a pixel or two of rounding
        Assert.InRange(xy[1], 564, 569);
        await Expect(page.Locator("#preview-time")).ToContainTextAsync("1 of 1 spots asked for healed");
        await browser.Screenshot(page, "page-spot-clicked.png");

        await page.GetByLabel("clear Spots to heal").ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '4'", null, new() { Timeout = 120_000 });
        Assert.Equal("", await page.Locator("input[name=spots]").InputValueAsync());
        await Expect(page.Locator("#preview-time")).Not.ToContainTextAsync("spots asked for");

        // Clicks go to the marks to keep once that is chosen; the spots to heal stay as they are.
        await page.GetByLabel("clicks add to Marks to keep").CheckAsync();
        await page.Mouse.ClickAsync(box.X + 1019.5f / 1920 * box.Width, box.Y + 566.5f / 1280 * box.Height);
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '5'", null, new() { Timeout = 120_000 });
        Assert.StartsWith("10", await page.Locator("input[name=keep]").InputValueAsync());
        Assert.Equal("", await page.Locator("input[name=spots]").InputValueAsync());
        await Expect(page.Locator("#preview-time")).ToContainTextAsync("to keep");
        await browser.Screenshot(page, "page-mark-kept.png");

        // A click on a point's ring takes it away again (a misplaced click); a pixel off its centre still hits it.
        await page.Mouse.ClickAsync(box.X + 1020.5f / 1920 * box.Width, box.Y + 566.5f / 1280 * box.Height);
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '6'", null, new() { Timeout = 120_000 });
        Assert.Equal("", await page.Locator("input[name=keep]").InputValueAsync());
        await Expect(page.Locator("#preview-time")).Not.ToContainTextAsync("to keep");
        browser.AssertQuiet();
    }

    [Fact]
    public async Task A_reference_photo_chosen_in_the_file_picker_makes_up_the_preview()
    {
        await using var browser = await Browser.Start();
        var page = await browser.Open(host.Factory);
        await OpenAnalysed(page, 2);

        // Makeup without its reference: the host's refusal is shown (the picker is generated from the catalog's file parameter).
        await page.Locator("#effect").SelectOptionAsync("makeup");
        await Expect(page.Locator("#status")).ToContainTextAsync("needs a reference photo", new() { Timeout = 120_000 });
        await page.Locator("input[name=reference]").SetInputFilesAsync(HostFixture.Sample(1));
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '2'", null, new() { Timeout = 120_000 });
        await Expect(page.Locator(".parameter output").First).ToHaveTextAsync("sample1.jpg");
        double transfer = await Checksum(page);
        await browser.Screenshot(page, "page-makeup-reference.png");

        await page.GetByLabel("Remove makeup").CheckAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '3'", null, new() { Timeout = 120_000 });
        Assert.NotEqual(transfer, await Checksum(page));
        browser.AssertQuiet(allowRefused: true); // the one refused preview above is a 400 the browser logs
    }

    [Fact]
    public async Task The_open_round_trip_saves_a_TIFF_from_the_page_and_the_host_stops()
    {
        await using var browser = await Browser.Start();
        var tif = Path.Combine(browser.Folder, "handed-over.tif");
        var photo = ImageFile.Load(HostFixture.Sample(1));
        ImageFile.Save(photo.WithPixels(Resample.AreaDownsample(photo.Pixels, 960, 640)), tif);
        var before = File.ReadAllBytes(tif);
        var options = new ServeOptions(AccessToken.Random()) { OpenFile = tif };
        using var factory = new RetouchHostFactory(host.Analysis, options, LaunchFile.Open(tif, options.Limits.MaxPixels));
        var page = await browser.Open(factory);

        await Expect(page.Locator("#analysis-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("face\\(s\\) found"), Slow);
        await page.ClickAsync("#save");
        await Expect(page.Locator("body")).ToContainTextAsync($"Saved {tif}", new() { Timeout = 240_000 });

        Assert.NotEqual(before, File.ReadAllBytes(tif));
        var saved = ImageFile.Load(tif);
        Assert.Equal((ImageFormat.Tiff, 960, 640), (saved.SourceFormat, saved.Width, saved.Height));
        Assert.Equal(["handed-over.tif"], Directory.GetFiles(browser.Folder).Select(Path.GetFileName));
        browser.AssertQuiet();
    }

    /// <summary>Opens demo photo <paramref name="sample"/> (three faces) in the page and waits for its analysis and first preview.</summary>
    private static async Task OpenAnalysed(IPage page, int sample)
    {
        await page.Locator("#file").SetInputFilesAsync(HostFixture.Sample(sample));
        await Expect(page.Locator("#analysis-text")).ToHaveTextAsync("3 face(s) found", Slow);
        await page.WaitForFunctionAsync("() => document.body.dataset.previews === '1'", null, new() { Timeout = 120_000 });
    }

    /// <summary>A number that changes whenever the canvas does (a weighted sum of its pixels).</summary>
    private static Task<double> Checksum(IPage page) => page.EvaluateAsync<double>(@"() => {
        const c = document.getElementById('canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let s = 0;
        for (let i = 0; i < d.length; i += 4) s += d[i] * (1 + (i >> 2) % 7) + d[i + 1] * 3 + d[i + 2];
        return s;
    }");

    /// <summary>Chromium with one page per test, collecting page errors and any request that leaves the host.</summary>
    private sealed class Browser : IAsyncDisposable
    {
        private IPlaywright _playwright = null!;
        private IBrowser _browser = null!;
        private readonly List<string> _problems = [];

        public string Folder { get; } = Directory.CreateTempSubdirectory("retouch-web-page-").FullName;

        public static async Task<Browser> Start()
        {
            Assert.True(File.Exists(Chromium), $"{Chromium} is missing: `apt-get install chromium` (.ci/run does it)");
            var b = new Browser { _playwright = await Playwright.CreateAsync() };
            b._browser = await b._playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
            return b;
        }

        public async Task<IPage> Open(RetouchHostFactory factory)
        {
            var origin = factory.Authorized().BaseAddress!.GetLeftPart(UriPartial.Authority);
            var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 860 }, AcceptDownloads = true });
            var page = await context.NewPageAsync();
            page.PageError += (_, e) => _problems.Add("page error: " + e);
            page.Console += (_, m) => { if (m.Type == "error") _problems.Add("console: " + m.Text); };
            page.Request += (_, r) => { if (r.Url.StartsWith("http", StringComparison.Ordinal) && !r.Url.StartsWith(origin, StringComparison.Ordinal)) _problems.Add("external request: " + r.Url); };
            await page.GotoAsync($"{origin}/?token={factory.Options.Token.Value}");
            return page;
        }

        public async Task Screenshot(IPage page, string name)
        {
            var folder = Path.Combine(RepositoryRoot(), "artifacts", "webhost");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }

        /// <summary>No script error, no console error, no request outside the host.</summary>
        public void AssertQuiet(bool allowRefused = false)
        {
            var problems = _problems.Where(p => !(allowRefused && p.StartsWith("console: Failed to load resource: the server responded with a status of 400", StringComparison.Ordinal))).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
            Directory.Delete(Folder, true);
        }

        private static string RepositoryRoot() => Repository.RootOrNull() ?? Path.GetTempPath();
    }
}
