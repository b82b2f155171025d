using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>What the optimised-model cache did for one session.</summary>
public enum OptimizedModelUse
{
    /// <summary>No cache (turned off, or a provider whose optimised graph cannot be saved, such as DirectML).</summary>
    Off,
    /// <summary>The model was optimised from its own file and the result written to the cache.</summary>
    Written,
    /// <summary>The cached optimised model was loaded; ONNX Runtime's graph optimisation was skipped.</summary>
    Loaded,
}

/// <summary>
/// A per-user folder of ONNX Runtime's optimised models (SessionOptions.OptimizedModelFilePath): the first session
/// of a model optimises it and writes the result; later sessions load that file with graph optimisation off, which
/// is what takes most of a session's opening time. ORT's docs say an optimised model may only be reused with the
/// same execution provider and optimisation level, and with layout optimisations (ORT_ENABLE_ALL's NCHWc) only on
/// compatible hardware (AVX2, AVX-512 ...), so the file's key holds the model's sha256, ORT's version, the provider,
/// the level and the CPU's instruction sets. Only CPU sessions are cached: a DirectML graph holds compiled nodes ORT
/// cannot save. A cache file is written to a temporary name and renamed into place, with its own sha256 beside it;
/// one that is missing its checksum, does not match it or does not load is deleted and written again. A cache that
/// cannot be written (read-only folder, full disk) is skipped: it never stops a session from opening.
/// </summary>
public sealed class OptimizedModelCache
{
    /// <summary>
    /// Set to a folder to keep the cache there, or to "0" / "off" to turn it off. Unset: the per-user cache folder
    /// (%LOCALAPPDATA%\RetouchPlugins\ort-cache on Windows, else $XDG_CACHE_HOME/RetouchPlugins/ort-cache or ~/.cache/...).
    /// </summary>
    public const string Variable = "RETOUCH_ORT_CACHE";

    private const string ChecksumExtension = ".sha256";

    public OptimizedModelCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The folder the optimised models are kept in (created on first write).</summary>
    public string Directory { get; }

    /// <summary>The cache <see cref="Variable"/> asks for: its folder, none when it says off, else the per-user default (none when there is no home folder).</summary>
    public static OptimizedModelCache? FromEnvironment()
    {
        var folder = Assets.UserCacheFolder.Chosen(Environment.GetEnvironmentVariable(Variable), Assets.UserCacheFolder.For("ort-cache"));
        return folder is null ? null : new OptimizedModelCache(folder);
    }

    /// <summary>The instruction sets that decide which of ORT's CPU kernels and blocked layouts an optimised graph uses.</summary>
    public static string CpuFeatures()
    {
        var parts = new List<string> { RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() };
        if (Avx512F.IsSupported) parts.Add("avx512f");
        if (Avx512BW.IsSupported) parts.Add("avx512bw");
        if (Avx2.IsSupported) parts.Add("avx2");
        if (Fma.IsSupported) parts.Add("fma");
        if (Avx.IsSupported) parts.Add("avx");
        if (Sse41.IsSupported) parts.Add("sse4.1");
        if (AdvSimd.IsSupported) parts.Add("neon");
        if (Dp.IsSupported) parts.Add("dotprod");
        return string.Join('+', parts);
    }

    /// <summary>The cache file for a model: its name's stem and a hash of everything the optimised graph depends on.</summary>
    internal string PathFor(string modelName, ReadOnlySpan<byte> model, string ortVersion, string provider, GraphOptimizationLevel level)
    {
        string key = $"model {Convert.ToHexStringLower(SHA256.HashData(model))}|ort {ortVersion}|{provider}|{level}|{CpuFeatures()}";
        string id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
        string stem = new([.. Path.GetFileNameWithoutExtension(modelName).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
        return Path.Combine(Directory, $"{(stem.Length > 0 ? stem : "model")}-{id}.onnx");
    }

    /// <summary>True when <paramref name="path"/> and its checksum are there and agree; a file that fails is deleted.</summary>
    internal static bool IsIntact(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            var sum = path + ChecksumExtension;
            if (File.Exists(sum) && File.ReadAllText(sum).Trim() == Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))))
                return true;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        Forget(path);
        return false;
    }

    /// <summary>A unique temporary name beside <paramref name="path"/> for ORT to write the optimised model to; null when the folder cannot be made.</summary>
    internal static string? TemporaryFor(string path)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Moves ORT's freshly written <paramref name="temporary"/> into place with its checksum; false (and nothing left behind) when that fails.</summary>
    internal static bool Commit(string temporary, string path)
    {
        string sumTemporary = temporary + ChecksumExtension;
        try
        {
            if (!File.Exists(temporary)) return false;
            File.WriteAllText(sumTemporary, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temporary))));
            // The model first, then its checksum: a reader that sees the checksum sees the model it belongs to.
            File.Move(temporary, path, overwrite: true);
            File.Move(sumTemporary, path + ChecksumExtension, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            TryDelete(sumTemporary);
            return false;
        }
    }

    /// <summary>Deletes a cache file and its checksum (a corrupt or unusable entry).</summary>
    internal static void Forget(string path)
    {
        TryDelete(path + ChecksumExtension);
        TryDelete(path);
    }

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
