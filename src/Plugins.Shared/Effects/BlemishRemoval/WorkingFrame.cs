using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A face's search rectangle and the scale of its working copy (<see cref="BlemishRemovalEffect.DetectionFaceWidth"/>):
/// photo pixels to the working copy's, and the working copy's back to the rectangle's full-resolution pixels. Pixel
/// centres map onto pixel centres both ways.
/// </summary>
internal readonly record struct WorkingFrame(PixelRect Rect, float Sx, float Sy)
{
    public Vector2 ToWorking(float x, float y) => new((x - Rect.X + 0.5f) * Sx - 0.5f, (y - Rect.Y + 0.5f) * Sy - 0.5f);

    public float RectX(float x) => (x + 0.5f) / Sx - 0.5f;

    public float RectY(float y) => (y + 0.5f) / Sy - 0.5f;

    /// <summary>The working copy's x in photo pixels.</summary>
    public float PhotoX(float x) => RectX(x) + Rect.X;

    /// <summary>The working copy's y in photo pixels.</summary>
    public float PhotoY(float y) => RectY(y) + Rect.Y;
}
