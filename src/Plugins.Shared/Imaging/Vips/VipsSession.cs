using System.Runtime.InteropServices;
using NetVips;
using RetouchPlugins.Shaders.Kernels;
using LibVips = NetVips.NetVips;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// libvips as NetVips loaded it into this process, set up once for our use. NetVips starts libvips in its module
/// initializer (when its assembly loads) and keeps a failure in <see cref="ModuleInitializer.Exception"/> instead of
/// throwing; this class reads that before touching any other NetVips type (their static fields call into the library).
/// </summary>
internal sealed class VipsSession
{
    // Process-wide, immutable once created: libvips itself is process-wide and is configured exactly once, on first use.
    private static readonly Lazy<VipsSession> Current = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private VipsSession(VipsStatus status, VipsWarnings warnings)
    {
        Status = status;
        Warnings = warnings;
    }

    public VipsStatus Status { get; }

    /// <summary>Where libvips' warnings go (the detail of an error whose buffer is empty).</summary>
    public VipsWarnings Warnings { get; }

    /// <summary>The status, loading and configuring libvips on first use; never throws.</summary>
    public static VipsStatus Probe() => Current.Value.Status;

    /// <summary>The session, or an <see cref="InvalidOperationException"/> saying in one line why libvips is unavailable.</summary>
    public static VipsSession Require()
    {
        var session = Current.Value;
        return session.Status.Loaded ? session
            : throw new InvalidOperationException($"libvips is not available: {session.Status.Problem}");
    }

    private static VipsSession Start()
    {
        var warnings = new VipsWarnings();
        var netVips = NetVipsVersion();
        // Checked before NetVips loads (its loading starts libvips): libvips-42.dll imports ProcessPrng from
        // bcryptprimitives.dll, which Wine 8 lacks, and there a failed load was seen to leave the process hanging.
        if (OperatingSystem.IsWindows() && MissingWindowsImport() is { } missing)
            return new VipsSession(new VipsStatus(null, netVips, 0, $"libvips-42.dll cannot load: {missing}"), warnings);
        try
        {
            return new VipsSession(StartLoaded(netVips, warnings), warnings);
        }
        catch (Exception e) // NetVips.dll missing, or a NetVips type initializer failing on a library that did not load
        {
            return new VipsSession(new VipsStatus(null, netVips, 0, WhyNotLoaded(e)), warnings);
        }
    }

    private static VipsStatus StartLoaded(string netVips, VipsWarnings warnings)
    {
        if (!ModuleInitializer.VipsInitialized)
            return new VipsStatus(null, netVips, 0, WhyNotLoaded(ModuleInitializer.Exception));
        Configure(warnings);
        return new VipsStatus($"{LibVips.Version(0)}.{LibVips.Version(1)}.{LibVips.Version(2)}", netVips, LibVips.Concurrency, null);
    }

    private static void Configure(VipsWarnings warnings)
    {
        // libvips prints decoder warnings ("VIPS-WARNING **: error in tile ...") to stderr, which garbles CLI output.
        // Anything that matters fails the operation (loads use fail_on=error), so they are kept only as the detail
        // of an error whose buffer is empty.
        warnings.Capture();
        // The operation cache is off. We never run the same operation twice (each photo is decoded once into our own
        // planes), so it would only hold memory (by default up to 100 MB and 100 open files); and a cached load would
        // hand back old pixels when a file is rewritten under the same name, which `retouch open` does by design.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        // Worker threads per image: the number our pixel kernels use (KernelOptions.AllCores), so one decode uses the
        // machine like one kernel does. A batch already runs its photos side by side (MemoryBudget sizes the workers).
        // VIPS_CONCURRENCY, libvips' own setting, still wins when the user sets it.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VIPS_CONCURRENCY")))
            LibVips.Concurrency = KernelOptions.AllCores.Workers;
        // Refuse loaders libvips marks as unsafe for untrusted input (e.g. via ImageMagick or Matlab).
        LibVips.BlockUntrusted = true;
    }

    /// <summary>"3.2.0": the NetVips this assembly was built against (read from our reference, so NetVips is not loaded).</summary>
    private static string NetVipsVersion() =>
        typeof(VipsSession).Assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "NetVips")?.Version?.ToString(3) ?? "unknown";

    /// <summary>One line: the loader's message (its first sentence and the first path it tried), or NetVips'.</summary>
    private static string WhyNotLoaded(Exception? e)
    {
        var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
        if (cause is null) return "libvips did not start (no detail)";
        var lines = cause.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return cause.GetType().Name;
        if (cause is not DllNotFoundException) return string.Join(" ", lines);
        // .NET's loader says what it could not load, then advice (strace, LD_DEBUG), then one line per path it
        // tried: keep the first sentence and the first path's reason.
        var text = lines[0].Split(". ")[0].TrimEnd('.');
        return lines.Length > 1 ? $"{text} ({lines[1]})" : text;
    }

    /// <summary>
    /// libvips-42.dll imports ProcessPrng from bcryptprimitives.dll (Windows 8 and later). Wine 8 has no such export,
    /// so there the DLL would fail to load with only "module not found"; this names the real cause. Null when present.
    /// </summary>
    private static string? MissingWindowsImport()
    {
        const string dll = "bcryptprimitives.dll";
        if (!NativeLibrary.TryLoad(dll, out var handle))
            return $"its import {dll} is missing on this system; Windows 8 and later have it, Wine 8 does not";
        try
        {
            return NativeLibrary.TryGetExport(handle, "ProcessPrng", out _) ? null
                : $"{dll} on this system lacks ProcessPrng, which libvips imports; Windows 8 and later have it, Wine 8 does not";
        }
        finally { NativeLibrary.Free(handle); }
    }
}
