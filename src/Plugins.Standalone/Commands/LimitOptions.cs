using System.CommandLine;
using System.Globalization;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `--max-megapixels N` and `--memory-limit SIZE`: the two guards every command that decodes a photo applies
/// (<see cref="RunLimits"/>), and the options their refusals name, so a user can act on them.
/// </summary>
internal sealed class LimitOptions
{
    public const string MaxMegapixels = "--max-megapixels", MemoryLimit = "--memory-limit";

    private readonly Option<double?> _maxMegapixels = new(MaxMegapixels)
    {
        Description = $"Refuse images with more megapixels than this, read from the header before decoding (default {ImageLoadOptions.DefaultMaxPixels / 1e6:0.#}; a guard against decompression bombs).",
        HelpName = "MP",
    };

    private readonly Option<string?> _memoryLimit = new(MemoryLimit)
    {
        Description = "Memory the run may plan for, e.g. 32G or 800M (default: what the machine or container has available now). A photo whose estimated need is larger is refused before it is decoded.",
        HelpName = "SIZE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_maxMegapixels);
        command.Options.Add(_memoryLimit);
    }

    /// <summary>The limits given; a value that is not a positive number or size throws <see cref="ArgumentException"/> naming the option.</summary>
    public RunLimits Read(ParseResult parse)
    {
        var limits = RunLimits.Default with { PixelLimitHint = MaxMegapixels, MemoryLimitHint = MemoryLimit };
        if (parse.GetValue(_maxMegapixels) is double mp)
        {
            if (!(mp > 0) || double.IsInfinity(mp)) throw new ArgumentException($"{MaxMegapixels} {mp.ToString(CultureInfo.InvariantCulture)}: give a positive number of megapixels");
            limits = limits with { MaxPixels = (long)Math.Min(mp * 1e6, long.MaxValue / 2) };
        }
        if (parse.GetValue(_memoryLimit) is { } text)
            limits = limits with
            {
                MemoryBytes = MemoryBudget.ParseSize(text) ?? throw new ArgumentException($"{MemoryLimit} {text}: give a size such as 16G, 800M or a number of bytes"),
            };
        return limits;
    }
}
