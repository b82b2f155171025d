using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetouchPlugins.Standalone.Web;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `host-load [--previews 50] [--renders 10] [--photo PATH] [--out DIR]`: the web host under load, over HTTP on
/// loopback as a script or another editor would use it. One photo is uploaded and analysed, then the previews
/// (1920 px, each with a different strength) and the full-resolution renders are all sent at once. Reports errors,
/// p50/p95/max latency of each kind and the process's peak working set; writes host-load.md.
/// </summary>
public static class HostLoadCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(CommandLine args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(CommandLine args)
    {
        int previews = args.Option("previews", 50), renders = args.Option("renders", 10);
        string photo = args.Option("photo") ?? BenchSetup.Photos()[0];
        var options = new ServeOptions(AccessToken.Random());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => WebHostSetup.Bind(k, 0, options.Limits));
        builder.Services.AddRetouchHost(options);
        await using var app = builder.Build();
        app.UseRetouchHost();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", options.Token.Value);

        var clock = Stopwatch.StartNew();
        var upload = await client.PostAsync("/api/sessions?name=" + Path.GetFileName(photo), new ByteArrayContent(await File.ReadAllBytesAsync(photo)));
        var session = (await upload.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetString();
        var analysis = await client.PostAsync($"/api/sessions/{session}/analysis", null);
        await Finish(client, (await analysis.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetString()!);
        double analyseMs = clock.Elapsed.TotalMilliseconds;

        var errors = new List<string>();
        async Task<double> Timed(Func<Task> call)
        {
            var started = Stopwatch.StartNew();
            try { await call(); }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException) { lock (errors) errors.Add(e.Message); }
            return started.Elapsed.TotalMilliseconds;
        }
        clock.Restart();
        var previewTasks = Enumerable.Range(0, previews).Select(i => Timed(async () =>
        {
            var r = await client.PostAsJsonAsync($"/api/sessions/{session}/previews",
                new { effect = "skin", parameters = new { strength = 0.5 + 0.5 * i / Math.Max(1, previews) }, maxSize = 1920 }, Json);
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"preview {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        })).ToList();
        var renderTasks = Enumerable.Range(0, renders).Select(i => Timed(async () =>
        {
            var r = await client.PostAsJsonAsync($"/api/sessions/{session}/renders", new { effect = "skin", parameters = new { strength = 0.5 + 0.05 * i } }, Json);
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"render {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            await Finish(client, (await r.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetString()!);
        })).ToList();
        var previewTimes = await Task.WhenAll(previewTasks);
        var renderTimes = await Task.WhenAll(renderTasks);
        double wallMs = clock.Elapsed.TotalMilliseconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await app.StopAsync();

        var report = new StringBuilder();
        report.AppendLine("# Web host under load").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{Path.GetFileName(photo)} uploaded and analysed once ({analyseMs / 1000:0.0} s with opening the models), then {previews} previews (1920 px, skin, each strength different) and {renders} full-resolution skin renders sent at once over HTTP on loopback; {Environment.ProcessorCount} cores (load average then: {Reporting.MachineInfo.LoadAverage()}), {options.Limits.ConcurrentRenders} render slots.").AppendLine();
        report.AppendLine("| requests | count | errors | p50 | p95 | max |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        report.AppendLine(Row("previews", previewTimes, errors.Count(e => e.StartsWith("preview", StringComparison.Ordinal))));
        report.AppendLine(Row("full renders (until the job is done)", renderTimes, errors.Count(e => e.StartsWith("render", StringComparison.Ordinal))));
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"All done in {wallMs / 1000:0.0} s. Errors: {errors.Count}{(errors.Count > 0 ? " (" + string.Join("; ", errors.Take(3)) + ")" : "")}. Peak working set of the process (host and client): {peak / (1 << 20)} MB.");
        var file = Path.Combine(args.ResultsDirectory(), "host-load.md");
        File.WriteAllText(file, report.ToString());
        Console.Write(report);
        return errors.Count == 0 ? 0 : 1;
    }

    private static async Task Finish(HttpClient client, string job)
    {
        while (true)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}", Json);
            var s = state.GetProperty("state").GetString();
            if (s == "done") return;
            if (s != "running") throw new InvalidOperationException($"render job {job} {s}: {state.GetProperty("error")}");
            await Task.Delay(100);
        }
    }

    private static string Row(string what, double[] times, int errors)
    {
        var sorted = times.Order().ToArray();
        double P(double q) => sorted[Math.Max(0, (int)Math.Ceiling(sorted.Length * q) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {what} | {times.Length} | {errors} | {P(0.5) / 1000:0.0} s | {P(0.95) / 1000:0.0} s | {sorted[^1] / 1000:0.0} s |");
    }
}
