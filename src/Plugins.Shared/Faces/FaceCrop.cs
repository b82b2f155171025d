using System.Numerics;
using System.Runtime.CompilerServices;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// A rotated square in the photo that the face mesh looks at: centre and side in photo pixels, and
/// the angle (radians, image y down) of its x axis, which follows the eye line so the face is upright
/// in the crop. Crop coordinates run from 0 to <c>cropSize</c> over the square (pixel centres at i + 0.5).
/// </summary>
public readonly record struct FaceCrop(Vector2 Center, float Size, float Angle)
{
    /// <summary>MediaPipe enlarges the detector box by 1.5 so the whole head fits in the crop.</summary>
    public const float DefaultMargin = 1.5f;

    /// <summary>
    /// The crop for a detected face: centred on the box, side = longer box side x <paramref name="margin"/>,
    /// rotated so the line from the image-left eye to the image-right eye is horizontal.
    /// </summary>
    public static FaceCrop FromDetection(PixelBox box, Vector2 leftEye, Vector2 rightEye, float margin = DefaultMargin)
    {
        if (!(box.Width > 0 && box.Height > 0)) throw new ArgumentException($"face box {box} is empty", nameof(box));
        var eyes = rightEye - leftEye;
        float angle = eyes.LengthSquared() > 0 ? MathF.Atan2(eyes.Y, eyes.X) : 0f;
        return new FaceCrop(box.Center, box.Size * margin, angle);
    }

    /// <summary>
    /// The crop around mesh points (photo pixels): rotated by the eye line of the mesh (outer eye corners),
    /// centred on the points' bounding box in the rotated frame, side = its longer side x <paramref name="margin"/>.
    /// MediaPipe tracks faces this way from one frame to the next; here it refines the first pass.
    /// </summary>
    public static FaceCrop FromMesh(IReadOnlyList<Vector3> mesh, float margin = DefaultMargin)
    {
        var eyes = Xy(mesh[FaceMeshTopology.LeftEyeOuterCorner]) - Xy(mesh[FaceMeshTopology.RightEyeOuterCorner]);
        float angle = MathF.Atan2(eyes.Y, eyes.X);
        var (cos, sin) = (MathF.Cos(angle), MathF.Sin(angle));
        float minU = float.MaxValue, minV = float.MaxValue, maxU = float.MinValue, maxV = float.MinValue;
        foreach (var p in mesh)
        {
            float u = p.X * cos + p.Y * sin, v = -p.X * sin + p.Y * cos;
            minU = MathF.Min(minU, u); maxU = MathF.Max(maxU, u);
            minV = MathF.Min(minV, v); maxV = MathF.Max(maxV, v);
        }
        float cu = (minU + maxU) / 2, cv = (minV + maxV) / 2;
        var center = new Vector2(cu * cos - cv * sin, cu * sin + cv * cos);
        return new FaceCrop(center, MathF.Max(maxU - minU, maxV - minV) * margin, angle);
    }

    /// <summary>Maps a point in crop coordinates (0..cropSize) to photo pixels; z scales like x and y.</summary>
    public Vector3 ToPhoto(Vector3 crop, int cropSize)
    {
        float scale = Size / cropSize;
        float u = (crop.X - cropSize / 2f) * scale, v = (crop.Y - cropSize / 2f) * scale;
        var (cos, sin) = (MathF.Cos(Angle), MathF.Sin(Angle));
        return new Vector3(Center.X + u * cos - v * sin, Center.Y + u * sin + v * cos, crop.Z * scale);
    }

    /// <summary>Maps a photo point to crop coordinates (the inverse of <see cref="ToPhoto"/>).</summary>
    public Vector2 ToCrop(Vector2 photo, int cropSize)
    {
        float scale = cropSize / Size;
        var d = photo - Center;
        var (cos, sin) = (MathF.Cos(Angle), MathF.Sin(Angle));
        return new Vector2((d.X * cos + d.Y * sin) * scale + cropSize / 2f, (-d.X * sin + d.Y * cos) * scale + cropSize / 2f);
    }

    /// <summary>
    /// Samples the crop from an RGB image as NHWC floats (row by row, R G B per pixel): bilinear, with
    /// n x n taps per output pixel when the crop shrinks the photo by n, so small crops of large faces
    /// do not alias. Outside the photo the edge pixels repeat. Rows are sampled in parallel.
    /// </summary>
    public float[] SampleNhwc(PlanarImage rgb, int cropSize)
    {
        if (rgb.Channels < 3) throw new ArgumentException($"the face mesh needs an RGB image, got {rgb.Channels} channel(s)", nameof(rgb));
        float scale = Size / cropSize;
        int taps = Math.Clamp((int)MathF.Ceiling(scale), 1, 4);
        var (cos, sin) = (MathF.Cos(Angle), MathF.Sin(Angle));
        var result = new float[cropSize * cropSize * 3];
        float weight = 1f / (taps * taps);
        var center = Center;
        Parallel.For(0, cropSize, j =>
        {
            for (int i = 0; i < cropSize; i++)
            {
                float r = 0, g = 0, b = 0;
                for (int ty = 0; ty < taps; ty++)
                    for (int tx = 0; tx < taps; tx++)
                    {
                        float u = (i + (tx + 0.5f) / taps - cropSize / 2f) * scale;
                        float v = (j + (ty + 0.5f) / taps - cropSize / 2f) * scale;
                        // photo continuous coordinates -> sample index space (pixel centres at k + 0.5)
                        float x = center.X + u * cos - v * sin - 0.5f, y = center.Y + u * sin + v * cos - 0.5f;
                        Bilinear(rgb, x, y, ref r, ref g, ref b, weight);
                    }
                int o = (j * cropSize + i) * 3;
                result[o] = r; result[o + 1] = g; result[o + 2] = b;
            }
        });
        return result;
    }

    // Inlined into the row loop: on its own it ran unoptimised for most of a fresh command's first mesh crop (a call
    // counted too late to be recompiled), about 35 ms of CPU at 24 MP.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Bilinear(PlanarImage img, float x, float y, ref float r, ref float g, ref float b, float weight)
    {
        x = Math.Clamp(x, 0, img.Width - 1);
        y = Math.Clamp(y, 0, img.Height - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, img.Width - 1), y1 = Math.Min(y0 + 1, img.Height - 1);
        float fx = x - x0, fy = y - y0;
        float w00 = (1 - fx) * (1 - fy) * weight, w10 = fx * (1 - fy) * weight, w01 = (1 - fx) * fy * weight, w11 = fx * fy * weight;
        int plane = img.PlaneSize, a = y0 * img.Width, c = y1 * img.Width;
        var d = img.Data;
        r += w00 * d[a + x0] + w10 * d[a + x1] + w01 * d[c + x0] + w11 * d[c + x1];
        g += w00 * d[plane + a + x0] + w10 * d[plane + a + x1] + w01 * d[plane + c + x0] + w11 * d[plane + c + x1];
        b += w00 * d[2 * plane + a + x0] + w10 * d[2 * plane + a + x1] + w01 * d[2 * plane + c + x0] + w11 * d[2 * plane + c + x1];
    }

    private static Vector2 Xy(Vector3 p) => new(p.X, p.Y);
}
