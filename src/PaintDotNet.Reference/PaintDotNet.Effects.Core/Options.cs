// Paint.NET 5.1.9, PaintDotNet.Effects.Core.dll: the options records (apidocs pages PaintDotNet.Effects.EffectOptionsBase,
// BitmapEffectOptionsFactory, BitmapEffectOptions). IsConfigurable is declared on EffectOptionsBase with a setter;
// Create() on the factory.
using PaintDotNet.AppModel;

namespace PaintDotNet.Effects
{
    /// <summary>apidocs: PaintDotNet.Effects.EffectOptionsBase.</summary>
    public record EffectOptionsBase : PluginOptions
    {
        public bool IsConfigurable { get; set; }
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffectOptionsFactory.</summary>
    public abstract record BitmapEffectOptionsFactory : EffectOptionsBase
    {
        public static BitmapEffectOptions Create() => new();
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffectOptions.</summary>
    public record BitmapEffectOptions : BitmapEffectOptionsFactory;
}
