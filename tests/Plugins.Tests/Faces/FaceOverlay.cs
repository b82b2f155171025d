using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

/// <summary>Draws detections onto a copy of a photo so a person can check them.</summary>
internal static class FaceOverlay
{
    public static PlanarImage Draw(PlanarImage photo, IEnumerable<DetectedFace> faces)
    {
        var img = photo.Channels == 3 ? photo.Clone() : throw new ArgumentException("RGB photo expected");
        int thickness = Math.Max(2, photo.Width / 500);
        foreach (var f in faces)
        {
            var b = f.Box;
            Rect(img, (int)b.Left, (int)b.Top, (int)b.Right, (int)b.Bottom, thickness, (0f, 1f, 0f));
            var colours = new[] { (1f, 0f, 0f), (0f, 0f, 1f), (1f, 1f, 0f), (1f, 0f, 1f), (0f, 1f, 1f) };
            for (int k = 0; k < f.Landmarks.Count; k++)
            {
                var p = f.Landmarks[k];
                Rect(img, (int)p.X - thickness, (int)p.Y - thickness, (int)p.X + thickness, (int)p.Y + thickness, thickness, colours[k]);
            }
        }
        return img;
    }

    private static void Rect(PlanarImage img, int x0, int y0, int x1, int y1, int t, (float R, float G, float B) c)
    {
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                bool edge = x - x0 < t || x1 - x < t || y - y0 < t || y1 - y < t;
                if (!edge || x < 0 || y < 0 || x >= img.Width || y >= img.Height) continue;
                img[0, x, y] = c.R; img[1, x, y] = c.G; img[2, x, y] = c.B;
            }
    }
}
