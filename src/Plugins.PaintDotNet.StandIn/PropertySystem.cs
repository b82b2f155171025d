// Compile-time stand-in for Paint.NET 5 (not Paint.NET). Sources: see Effects.cs.
namespace PaintDotNet.PropertySystem
{
    /// <summary>Stand-in for PaintDotNet.PropertySystem.Property: a named value shown as one control.</summary>
    public abstract class Property
    {
        protected Property(object name) => Name = name;
        public object Name { get; }
        public abstract object BoxedValue { get; set; }
        public abstract Property Clone();
    }

    /// <summary>Stand-in for a ranged scalar property; out-of-range values are refused as the UI would never produce them.</summary>
    public abstract class ScalarProperty<T> : Property where T : struct, IComparable<T>
    {
        private T _value;

        protected ScalarProperty(object name, T defaultValue, T minValue, T maxValue) : base(name)
        {
            DefaultValue = defaultValue; MinValue = minValue; MaxValue = maxValue;
            Value = defaultValue;
        }

        public T DefaultValue { get; }
        public T MinValue { get; }
        public T MaxValue { get; }

        public T Value
        {
            get => _value;
            set
            {
                if (value.CompareTo(MinValue) < 0 || value.CompareTo(MaxValue) > 0)
                    throw new ArgumentOutOfRangeException(Name.ToString(), value, $"must be between {MinValue} and {MaxValue}");
                _value = value;
            }
        }

        public override object BoxedValue { get => Value; set => Value = (T)Convert.ChangeType(value, typeof(T)); }
    }

    public sealed class DoubleProperty(object name, double defaultValue, double minValue, double maxValue)
        : ScalarProperty<double>(name, defaultValue, minValue, maxValue)
    {
        public override Property Clone() => new DoubleProperty(Name, DefaultValue, MinValue, MaxValue) { Value = Value };
    }

    public sealed class Int32Property(object name, int defaultValue, int minValue, int maxValue)
        : ScalarProperty<int>(name, defaultValue, minValue, maxValue)
    {
        public override Property Clone() => new Int32Property(Name, DefaultValue, MinValue, MaxValue) { Value = Value };
    }

    public sealed class BooleanProperty(object name, bool defaultValue) : Property(name)
    {
        public bool DefaultValue { get; } = defaultValue;
        public bool Value { get; set; } = defaultValue;
        public override object BoxedValue { get => Value; set => Value = (bool)value; }
        public override Property Clone() => new BooleanProperty(Name, DefaultValue) { Value = Value };
    }

    /// <summary>Stand-in for PaintDotNet.PropertySystem.StringProperty (a text box; file paths here).</summary>
    public sealed class StringProperty(object name, string defaultValue, int maxLength) : Property(name)
    {
        public string DefaultValue { get; } = defaultValue;
        public int MaxLength { get; } = maxLength;
        public string Value { get; set; } = defaultValue;
        public override object BoxedValue { get => Value; set => Value = (string)value; }
        public override Property Clone() => new StringProperty(Name, DefaultValue, MaxLength) { Value = Value };
    }

    /// <summary>Stand-in for PaintDotNet.PropertySystem.PropertyCollection.</summary>
    public sealed class PropertyCollection : IEnumerable<Property>
    {
        private readonly List<Property> _properties;

        public PropertyCollection(IEnumerable<Property> properties)
        {
            _properties = properties.ToList();
            var duplicate = _properties.GroupBy(p => p.Name.ToString()).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"two properties are named '{duplicate.Key}'");
        }

        public Property this[object propertyName] =>
            _properties.FirstOrDefault(p => Equals(p.Name.ToString(), propertyName.ToString()))
            ?? throw new KeyNotFoundException($"no property '{propertyName}'");

        public IEnumerator<Property> GetEnumerator() => _properties.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
