using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>
/// ONNX Runtime 1.30's Linux build keeps a telemetry store (a device id and an SQLite database) under the user's
/// ~/.cache from the moment its environment is created. Ours is kept off; a user who sets ORT_DISABLE_TELEMETRY=0
/// gets ORT's default back (which also shows this test would see the store).
/// </summary>
public sealed class OrtTelemetryTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("retouch-home-").FullName;
    public void Dispose() => Directory.Delete(_home, true);

    /// <summary>The CI markers ORT 1.30's Linux build reads (the strings beside its telemetry code).</summary>
    private static readonly string[] CiVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL",
        "CODEBUILD_BUILD_ID", "BUILDKITE", "TEAMCITY_VERSION", "APPVEYOR", "BITBUCKET_BUILD_NUMBER"];

    private string Store => Path.Combine(_home, ".cache", "Microsoft", "DeveloperTools", ".onnxruntime");

    private ChildProcess.Result Doctor(string? telemetrySetting)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _home, ["XDG_CACHE_HOME"] = Path.Combine(_home, ".cache") };
        if (telemetrySetting is not null) environment["ORT_DISABLE_TELEMETRY"] = telemetrySetting;
        // ORT keeps its telemetry off by itself under a CI service (CI=true is set by .ci/run): emptied, so that the
        // child sees what a workstation's user does.
        foreach (var ci in CiVariables) environment[ci] = "";
        var result = ChildProcess.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "retouch.dll"), "doctor"], TimeSpan.FromSeconds(120), environment);
        Assert.Contains("ONNX Runtime   1.30.0", result.StandardOutput); // the environment was created
        return result;
    }

    [Fact]
    public void Opening_onnx_runtime_writes_no_telemetry_store_into_the_users_home()
    {
        if (!OperatingSystem.IsLinux()) return; // the store is the Linux build's; Windows' ETW events are turned off by the API
        Doctor(null);
        Assert.False(Directory.Exists(Store), $"{Store} was created");
    }

    [Fact]
    public void A_user_who_sets_the_variable_keeps_their_setting()
    {
        if (!OperatingSystem.IsLinux()) return;
        Doctor("0");
        Assert.True(File.Exists(Path.Combine(Store, "deviceid")), $"ORT's own default (a store at {Store}) did not come back with ORT_DISABLE_TELEMETRY=0");
    }
}
