using System.Net.Sockets;
using System.Text.Json;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Worker;

namespace RetouchPlugins.Tests.Worker;

/// <summary>
/// `retouch ID` handed to a running `retouch worker` of the same build, as real processes on a real photo: the same
/// file as the command alone (byte for byte: the same code on the same pixels), the same errors and exit codes, relative
/// paths taken from the command's folder, Ctrl+C, and the commands the worker leaves to the command itself.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WorkerTests : IClassFixture<WorkerProcess>, IDisposable
{
    private const string Note = "run by the warm worker";
    private readonly WorkerProcess _worker;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rw-run-" + Guid.NewGuid().ToString("N")[..8]);

    public WorkerTests(WorkerProcess worker)
    {
        _worker = worker;
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), Path.Combine(_folder, "photo.jpg"));
    }

    [Fact]
    public void A_run_in_the_worker_writes_the_same_files_as_the_command_alone()
    {
        int before = _worker.Runs;
        var warm = _worker.Command(_folder, alone: false, "skin", "photo.jpg", "-o", "warm.jpg", "--masks", "warm-masks");
        var alone = _worker.Command(_folder, alone: true, "skin", "photo.jpg", "-o", "alone.jpg", "--masks", "alone-masks");

        Assert.True(warm.ExitCode == RunExit.Ok, warm.Output + _worker.Log);
        Assert.Contains($"{Note} (pid ", warm.StandardOutput);
        Assert.Contains("face(s) retouched", warm.StandardOutput);
        Assert.Equal(before + 1, _worker.Runs);
        Assert.True(alone.ExitCode == RunExit.Ok, alone.Output);
        Assert.DoesNotContain(Note, alone.StandardOutput);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_folder, "alone.jpg")), File.ReadAllBytes(Path.Combine(_folder, "warm.jpg")));
        var masks = Directory.GetFiles(Path.Combine(_folder, "alone-masks")).Select(Path.GetFileName).Order().ToArray();
        Assert.NotEmpty(masks);
        Assert.Equal(masks, Directory.GetFiles(Path.Combine(_folder, "warm-masks")).Select(Path.GetFileName).Order().ToArray());
        foreach (var mask in masks)
            Assert.Equal(File.ReadAllBytes(Path.Combine(_folder, "alone-masks", mask!)), File.ReadAllBytes(Path.Combine(_folder, "warm-masks", mask!)));
    }

    [Theory]
    [InlineData("missing.jpg", "out.jpg", "missing.jpg")] // no such file, named as the command's folder sees it
    [InlineData("photo.jpg", "photo.jpg", "photo.jpg")] // the output would overwrite the input
    [InlineData("photo.jpg", "out.bmp", "out.bmp")] // an output format we do not write
    public void Bad_input_gives_the_same_error_and_exit_code_through_the_worker(string input, string output, string named)
    {
        var warm = _worker.Command(_folder, alone: false, "skin", input, "-o", output);
        var alone = _worker.Command(_folder, alone: true, "skin", input, "-o", output);

        Assert.Equal(RunExit.BadInput, alone.ExitCode);
        Assert.StartsWith($"error: {Path.Combine(_folder, named)}: ", alone.StandardError);
        Assert.Equal(alone.ExitCode, warm.ExitCode);
        Assert.Equal(alone.StandardError, warm.StandardError);
        Assert.DoesNotContain(Note, warm.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")), File.ReadAllBytes(Path.Combine(_folder, "photo.jpg")));
    }

    [Fact]
    public void Help_parse_errors_and_tool_commands_run_in_the_command_itself()
    {
        int before = _worker.Runs;
        var help = _worker.Command(_folder, alone: false, "skin", "--help");
        var noOutput = _worker.Command(_folder, alone: false, "skin", "photo.jpg");
        var info = _worker.Command(_folder, alone: false, "info", "photo.jpg");
        var status = _worker.Command(_folder, alone: false, "worker", "status");
        var doctor = _worker.Command(_folder, alone: false, "doctor");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.StandardOutput);
        Assert.NotEqual(0, noOutput.ExitCode);
        Assert.Contains("Option '--output' is required.", noOutput.StandardError);
        Assert.True(info.ExitCode == 0, info.Output);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Matches(@"worker pid \d+ on .*worker-[0-9a-f]{12}\.sock", status.StandardOutput);
        Assert.Matches(@"worker\s+pid \d+ on .*worker-[0-9a-f]{12}\.sock", doctor.StandardOutput);
        Assert.Equal(before, _worker.Runs);
    }

    /// <summary>What the command does on Ctrl+C: a Cancel frame after the request. Nothing is written, exit 130, and the worker goes on.</summary>
    [Fact]
    public void A_cancelled_run_writes_nothing_and_the_worker_serves_the_next_command()
    {
        using (var socket = WorkerClient.Connect(_worker.Address)!)
        using (var stream = new NetworkStream(socket))
        {
            new Frame(FrameKind.Request, JsonSerializer.Serialize(Request("skin", "photo.jpg", "-o", "cancelled.jpg"))).WriteTo(stream);
            new Frame(FrameKind.Cancel, "").WriteTo(stream);
            var error = "";
            Frame? frame;
            while ((frame = Frame.ReadFrom(stream)) is { Kind: not FrameKind.Exit and not FrameKind.Local })
                if (frame.Value.Kind == FrameKind.Error) error += frame.Value.Text;
            Assert.Equal(FrameKind.Exit, frame?.Kind);
            Assert.Equal(RunExit.Cancelled.ToString(), frame!.Value.Text);
            Assert.Contains("cancelled", error);
        }
        Assert.False(File.Exists(Path.Combine(_folder, "cancelled.jpg")));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp*"));

        var next = _worker.Command(_folder, alone: false, "whiten", "photo.jpg", "-o", "next.jpg");
        Assert.True(next.ExitCode == RunExit.Ok, next.Output + _worker.Log);
        Assert.Contains(Note, next.StandardOutput);
    }

    /// <summary>
    /// A command that arrives while the worker runs another photo is told to run itself (two full-size runs side by side
    /// would double what a command plans for); the first run goes on to its end. The first photo is sample1 scaled 3x
    /// (about 3.5 MP, a second or more); the second request is sent as soon as `status` shows the first running.
    /// </summary>
    [Fact]
    public void A_command_that_finds_the_worker_busy_is_told_to_run_itself()
    {
        using (var source = NetVips.Image.NewFromFile(Path.Combine(_folder, "photo.jpg")))
        using (var scaled = source.Resize(3))
            scaled.WriteToFile(Path.Combine(_folder, "large.jpg"));
        using var socket = WorkerClient.Connect(_worker.Address)!;
        using var stream = new NetworkStream(socket);
        new Frame(FrameKind.Request, JsonSerializer.Serialize(Request("skin", "large.jpg", "-o", "large-out.jpg"))).WriteTo(stream);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!Status().Busy)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the worker never started the first run");
            Thread.Sleep(5);
        }

        Frame? answer;
        using (var second = WorkerClient.Connect(_worker.Address)!)
        using (var secondStream = new NetworkStream(second))
        {
            new Frame(FrameKind.Request, JsonSerializer.Serialize(Request("whiten", "photo.jpg", "-o", "second.jpg"))).WriteTo(secondStream);
            answer = Frame.ReadFrom(secondStream);
        }

        Assert.Equal(new Frame(FrameKind.Local, "the worker is busy with another photo"), answer);
        Frame? frame;
        while ((frame = Frame.ReadFrom(stream)) is { Kind: not FrameKind.Exit and not FrameKind.Local }) { }
        Assert.Equal(new Frame(FrameKind.Exit, "0"), frame);
        Assert.True(File.Exists(Path.Combine(_folder, "large-out.jpg")));
        Assert.False(File.Exists(Path.Combine(_folder, "second.jpg")));
    }

    [Fact]
    public void A_second_worker_of_the_same_build_is_refused()
    {
        var second = _worker.Command(_folder, alone: false, "worker", "run");
        Assert.Equal(RunExit.BadInput, second.ExitCode);
        Assert.Contains("a worker of this build is already running", second.StandardError);
    }

    /// <summary>What the command sends for ARGS in this test's folder (the environment is the worker's own, as the command's would be).</summary>
    private WorkerRequest Request(params string[] args) => new(args, _folder,
        Environment.GetEnvironmentVariable(HostCatalog.PluginsVariable), Environment.GetEnvironmentVariable(OnnxRuntimeEnvironment.ForceCpuVariable),
        null, false, false, 0);

    private WorkerStatus Status() => JsonSerializer.Deserialize<WorkerStatus>(WorkerClient.Ask(_worker.Address, FrameKind.StatusQuery)!.Value.Text)!;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
