namespace RetouchPlugins.Shared.Effects;

/// <summary>Progress of one part (0..1) onto a span [from, to] of the whole.</summary>
public sealed class ScaledProgress(IProgress<double> whole, double from, double to) : IProgress<double>
{
    public void Report(double value) => whole.Report(from + (to - from) * Math.Clamp(value, 0, 1));
}
