// Paint.NET 5.1.9, PaintDotNet.Effects.Core.dll: the effect classes (apidocs pages PaintDotNet.Effects.EffectBase,
// BitmapEffect, BitmapEffect-1, PropertyBasedBitmapEffect (its -ctor overloads, OnCustomizeConfigUIWindowProperties),
// EffectConfigToken, PropertyBasedEffectConfigToken).
// Hierarchy as in Paint.NET: EffectBase -> BitmapEffect -> BitmapEffect<TToken> -> PropertyBasedBitmapEffect.
// The Harness* members are internal: the test harness's way in (Paint.NET's own plumbing is not public either).
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace PaintDotNet.Effects
{
    /// <summary>apidocs: PaintDotNet.Effects.EffectBase (IsCancelRequested and CancellationToken are declared here).</summary>
    public abstract class EffectBase : IDisposable
    {
        private CancellationToken _cancellation;

        private protected EffectBase(string name, IBitmapSource? image, string? subMenuName) { HarnessName = name; HarnessImage = image; HarnessSubMenuName = subMenuName; }

        protected bool IsCancelRequested => _cancellation.IsCancellationRequested;

        protected CancellationToken CancellationToken => _cancellation;

        public void Dispose() { GC.SuppressFinalize(this); }

        internal string HarnessName { get; }
        internal IBitmapSource? HarnessImage { get; }
        internal string? HarnessSubMenuName { get; }
        internal void HarnessSetCancellation(CancellationToken cancellation) => _cancellation = cancellation;
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffect (Environment and OnRender are declared here).</summary>
    public abstract class BitmapEffect : EffectBase
    {
        private IBitmapEffectEnvironment? _environment;

        private protected BitmapEffect(string name, IBitmapSource? image, string? subMenuName, BitmapEffectOptions options) : base(name, image, subMenuName) => HarnessOptions = options;

        protected IBitmapEffectEnvironment Environment =>
            _environment ?? throw new InvalidOperationException("the harness has not attached an environment");

        protected abstract void OnRender(IBitmapEffectOutput output);

        protected virtual void OnSetToken(EffectConfigToken? newToken) { }

        internal BitmapEffectOptions HarnessOptions { get; }
        internal void HarnessAttach(IBitmapEffectEnvironment environment) => _environment = environment;
        internal void HarnessSetToken(EffectConfigToken token) => OnSetToken(token);
        internal void HarnessRender(IBitmapEffectOutput output) => OnRender(output);
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffect-1 (its OnSetToken(TToken?) is what effects override).</summary>
    public abstract class BitmapEffect<TToken> : BitmapEffect where TToken : EffectConfigToken
    {
        private protected BitmapEffect(string name, IBitmapSource? image, string? subMenuName, BitmapEffectOptions options) : base(name, image, subMenuName, options) { }

        protected override sealed void OnSetToken(EffectConfigToken? newToken) => OnSetToken((TToken?)newToken);

        protected virtual void OnSetToken(TToken? newToken) { }
    }

    /// <summary>apidocs: PaintDotNet.Effects.PropertyBasedBitmapEffect.</summary>
    public abstract class PropertyBasedBitmapEffect : BitmapEffect<PropertyBasedEffectConfigToken>
    {
        protected PropertyBasedBitmapEffect(string name, IBitmapSource image, string? submenuName, BitmapEffectOptions options) : base(name, image, submenuName, options) { }

        protected PropertyBasedBitmapEffect(string name, string? submenuName, BitmapEffectOptions options) : base(name, null, submenuName, options) { }

        protected abstract PropertyCollection OnCreatePropertyCollection();

        protected virtual ControlInfo OnCreateConfigUI(PropertyCollection props) => CreateDefaultConfigUI(props);

        public static ControlInfo CreateDefaultConfigUI(IEnumerable<Property> props) => new HarnessControlInfo(props);

        /// <summary>The dialog window's own properties (title, help button), keyed by ControlInfoPropertyNames.</summary>
        protected virtual void OnCustomizeConfigUIWindowProperties(PropertyCollection props) { }

        internal PropertyCollection HarnessCreatePropertyCollection() => OnCreatePropertyCollection();
        internal ControlInfo HarnessCreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);

        /// <summary>The window properties as Paint.NET offers them (title = the effect's name, no help), after the effect customised them.</summary>
        internal PropertyCollection HarnessCustomizeWindow()
        {
            var window = new PropertyCollection([
                new StringProperty(ControlInfoPropertyNames.WindowTitle, HarnessName, 256),
                new HarnessValueProperty(ControlInfoPropertyNames.WindowHelpContentType, WindowHelpContentType.None),
                new StringProperty(ControlInfoPropertyNames.WindowHelpContent, string.Empty, 65536),
            ]);
            OnCustomizeConfigUIWindowProperties(window);
            return window;
        }
    }

    /// <summary>apidocs: PaintDotNet.Effects.EffectConfigToken.</summary>
    public abstract class EffectConfigToken : ICloneable
    {
        public abstract object Clone();
    }

    /// <summary>apidocs: PaintDotNet.Effects.PropertyBasedEffectConfigToken (sealed; a snapshot of the dialog's values).</summary>
    public sealed class PropertyBasedEffectConfigToken : EffectConfigToken
    {
        private readonly PropertyCollection _properties;

        public PropertyBasedEffectConfigToken(PropertyCollection propertyCollection) => _properties = (PropertyCollection)propertyCollection.Clone();

        public Property? GetProperty(object propertyName) => _properties[propertyName];

        public T? GetProperty<T>(object propertyName) where T : Property => _properties[propertyName] as T;

        public override object Clone() => new PropertyBasedEffectConfigToken(_properties);
    }
}
