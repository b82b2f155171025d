using System.Numerics;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Faces;

public class FaceMeshLandmarkerTests
{
    [Fact]
    public void DrawsMeshOverlay()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var landmarker = new FaceMeshLandmarker(env);
        foreach (var (photo, faces) in SampleFaces.ByPhoto)
        {
            var rgb = SampleFaces.Load(photo);
            var overlay = rgb.Clone();
            int k = 0;
            var crops = new List<FaceCrop>();
            foreach (var f in faces)
            {
                var mesh = landmarker.Detect(rgb, f.Box, f.LeftEye, f.RightEye);
                Overlay.Rectangle(overlay, f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height, (1, 1, 0));
                foreach (var p in mesh.Points) Overlay.Dot(overlay, p.X, p.Y, 1.2f, (0, 1, 0));
                Console.WriteLine($"{photo}: presence {mesh.Presence:F3} crop {mesh.Crop}");
                crops.Add(mesh.Crop);
                var input = mesh.Crop.SampleNhwc(rgb, 192);
                var big = new RetouchPlugins.Shaders.PlanarImage(576, 576, 3);
                for (int y = 0; y < 576; y++) for (int x = 0; x < 576; x++) for (int c = 0; c < 3; c++) big[c, x, y] = input[((y / 3) * 192 + x / 3) * 3 + c];
                foreach (var p in mesh.Points) { var q = mesh.Crop.ToCrop(new Vector2(p.X, p.Y), 192); Overlay.Dot(big, q.X * 3, q.Y * 3, 1.5f, (0, 1, 0)); }
                ImageFile.SavePng(big, Path.Combine(Overlay.Folder, Path.ChangeExtension(photo, $".input{crops.Count - 1}.png")));
            }
            ImageFile.SavePng(overlay, Path.Combine(Overlay.Folder, Path.ChangeExtension(photo, ".mesh.png")));
            foreach (var c in crops)
                OverlayCrops.SaveAround(overlay, c.Center.X, c.Center.Y, c.Size, Path.Combine(Overlay.Folder, Path.ChangeExtension(photo, $".mesh{k++}.png")));
        }
    }
}
