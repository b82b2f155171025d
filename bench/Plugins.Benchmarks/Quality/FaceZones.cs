using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>Where on the face a painted spot sits; the zones the face-skin mask has missed before are named.</summary>
public enum SpotZone { Face, Hairline, Chin, Jaw }

/// <summary>
/// Places spots in the zones a retoucher checks last and the skin mask reached least (the forehead just under
/// the hairline, the chin, the jaw line), independently of the analysis' face-skin mask: the truth here is the
/// photo itself. The hairline is found by walking up from the mesh's forehead top until the colour leaves the
/// forehead's own (a box mean more than <see cref="HairlineChange"/> away, relative to the skin's brightness).
/// </summary>
public sealed class FaceZones
{
    /// <summary>Relative RGB distance from the forehead's colour at which the walk has reached hair (or background).</summary>
    public const float HairlineChange = 0.18f;

    /// <summary>
    /// A spot's footprint counts as skin where every sample's chromaticity (r, g over r + g + b) is within this of the
    /// forehead's and its brightness within <see cref="SkinBrightness"/> of it: chin and jaw are often in shade.
    /// </summary>
    public const float SkinMatch = 0.025f;

    /// <summary>Brightness range (relative to the forehead's) a spot's footprint may have.</summary>
    public static readonly (float Low, float High) SkinBrightness = (0.55f, 1.25f);

    private readonly PlanarImage _image;
    private readonly PlanarImage? _person;
    private readonly PlanarImage _features;
    private readonly Vector2 _top, _chin, _up, _across;
    private readonly Vector3 _skin;
    private readonly Vector2[] _jaw;

    /// <summary>Distance from the mesh's forehead top to its chin, photo pixels: the zones' yardstick.</summary>
    public float Height { get; }

    private FaceZones(PlanarImage image, PlanarImage? person, PlanarImage features, Vector3[] mesh)
    {
        _image = image; _person = person; _features = features;
        Vector2 P(int i) => new(mesh[i].X, mesh[i].Y);
        _top = P(FaceMeshTopology.ForeheadTop); _chin = P(FaceMeshTopology.Chin);
        Height = Vector2.Distance(_top, _chin);
        _up = Vector2.Normalize(_top - _chin);
        _across = new Vector2(-_up.Y, _up.X);
        // The forehead's colour a tenth of the face below the mesh's top (clear of the hair even on a low hairline).
        _skin = BoxMean(_top - 0.1f * Height * _up, Math.Max(2, (int)(0.03f * Height)));
        // Jaw points of the face oval (both sides, between ear and chin).
        _jaw = new[] { 172, 136, 150, 149, 397, 365, 379, 378 }.Select(P).ToArray();
    }

    public static FaceZones? For(PlanarImage image, PortraitAnalysis analysis, AnalyzedFace face) =>
        face.Mesh is { } mesh ? new FaceZones(image, analysis.PersonMask, analysis.FeatureMask, mesh) : null;

    /// <summary>The hairline above <paramref name="across"/> (a signed share of the height from the face's axis), or null if none within half a face.</summary>
    public Vector2? Hairline(float across)
    {
        var start = _top - 0.05f * Height * _up + across * Height * _across;
        int box = Math.Max(1, (int)(0.012f * Height)), run = 0;
        for (float t = 0; t < 0.5f * Height; t += 1)
        {
            var p = start + t * _up;
            if (!Inside(p)) return null;
            bool left = Distance(BoxMean(p, box)) > HairlineChange || (_person != null && _person[0, (int)p.X, (int)p.Y] < 0.5f);
            run = left ? run + 1 : 0;
            if (run >= 3) return p - 2 * _up;
        }
        return null;
    }

    /// <summary>A point on the forehead <paramref name="below"/> (share of the height) under the hairline at <paramref name="across"/>.</summary>
    public Vector2? UnderHairline(float across, float below) => Hairline(across) is { } h ? h - below * Height * _up : null;

    /// <summary>A point above the chin's tip, <paramref name="inward"/> pixels in, shifted sideways by <paramref name="across"/> of the height.</summary>
    public Vector2 AboveChin(float inward, float across) => _chin + inward * _up + across * Height * _across;

    /// <summary>A point <paramref name="inward"/> pixels inside the jaw line, toward the face's middle, at jaw point <paramref name="index"/>.</summary>
    public Vector2 InsideJaw(int index, float inward)
    {
        var p = _jaw[index % _jaw.Length];
        var centre = 0.5f * (_top + _chin);
        return p + inward * Vector2.Normalize(centre - p);
    }

    public int JawPoints => _jaw.Length;

    /// <summary>True when the disk of <paramref name="reach"/> around the point is skin-coloured, on the person and off the features.</summary>
    public bool IsSkin(Vector2 c, float reach)
    {
        for (int k = 0; k < 9; k++)
        {
            var p = k == 8 ? c : c + reach * new Vector2(MathF.Cos(k * MathF.PI / 4), MathF.Sin(k * MathF.PI / 4));
            if (!Inside(p)) return false;
            int x = (int)p.X, y = (int)p.Y;
            if (_person != null && _person[0, x, y] < 0.5f) return false;
            if (_features[0, x, y] > 0) return false;
            if (!SkinColoured(BoxMean(p, 1))) return false;
        }
        return true;
    }

    private bool SkinColoured(Vector3 c)
    {
        float sum = c.X + c.Y + c.Z, skinSum = _skin.X + _skin.Y + _skin.Z;
        if (sum <= 0 || skinSum <= 0) return false;
        float brightness = sum / skinSum;
        if (brightness < SkinBrightness.Low || brightness > SkinBrightness.High) return false;
        return MathF.Abs(c.X / sum - _skin.X / skinSum) < SkinMatch && MathF.Abs(c.Y / sum - _skin.Y / skinSum) < SkinMatch;
    }

    private bool Inside(Vector2 p) => p.X >= 2 && p.Y >= 2 && p.X < _image.Width - 2 && p.Y < _image.Height - 2;

    private float Distance(Vector3 c) => Vector3.Distance(c, _skin) / MathF.Max(0.05f, _skin.Length() / MathF.Sqrt(3));

    private Vector3 BoxMean(Vector2 p, int r)
    {
        int cx = (int)p.X, cy = (int)p.Y, n = 0;
        var sum = Vector3.Zero;
        for (int y = Math.Max(0, cy - r); y <= Math.Min(_image.Height - 1, cy + r); y++)
            for (int x = Math.Max(0, cx - r); x <= Math.Min(_image.Width - 1, cx + r); x++)
            { sum += new Vector3(_image[0, x, y], _image[1, x, y], _image[2, x, y]); n++; }
        return sum / Math.Max(1, n);
    }
}
