using System.Text.Json;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Commands;

namespace RetouchPlugins.Tests.Faces;

public class FacesCommandTests
{
    /// <summary>One run writes the overlay (the photo's size, changed where faces are) and prints JSON with the faces and meshes.</summary>
    [Fact]
    public void WritesOverlayAndPrintsFacesAsJson()
    {
        var folder = Directory.CreateTempSubdirectory("retouch-faces-cli").FullName;
        try
        {
            string overlay = Path.Combine(folder, "overlay.png");
            var output = new StringWriter(); var error = new StringWriter();
            int code = FacesCommand.Run(FaceTestData.PhotoPath(6), overlay, json: true, includeMesh: true, masksFolder: folder, output, error);

            Assert.True(code == FacesCommand.Ok, error.ToString());
            using var doc = JsonDocument.Parse(output.ToString());
            var faces = doc.RootElement.GetProperty("faces");
            Assert.Equal(4, faces.GetArrayLength()); // sample6: four women, counted in RetinaFaceDetectorTests
            foreach (var face in faces.EnumerateArray())
            {
                Assert.Equal(5, face.GetProperty("landmarks").GetArrayLength());
                Assert.Equal(468, face.GetProperty("mesh").GetArrayLength());
                Assert.InRange(face.GetProperty("score").GetDouble(), 0.6, 1.0);
            }

            var drawn = ImageFile.Load(overlay).Pixels;
            var photo = FaceTestData.Photo(6);
            Assert.Equal((photo.Width, photo.Height), (drawn.Width, drawn.Height));
            var box = faces[0].GetProperty("box");
            int cx = (int)(box.GetProperty("x").GetDouble() + box.GetProperty("width").GetDouble() / 2);
            int cy = (int)(box.GetProperty("y").GetDouble() + box.GetProperty("height").GetDouble() / 2);
            Assert.True(MathF.Abs(drawn[1, cx, cy] - photo[1, cx, cy]) > 0.05f, "the face centre should be tinted as skin");
            Assert.Equal(photo[0, 5, 5], drawn[0, 5, 5], 1f / 255); // a corner far from everyone is left as it was (8-bit PNG)
            foreach (var mask in new[] { "skin.png", "face-skin.png", "features.png", "person.png" })
                Assert.True(File.Exists(Path.Combine(folder, mask)), mask);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void MissingPhotoIsBadInputNamingTheFile()
    {
        var error = new StringWriter();
        int code = FacesCommand.Run("no-such-photo.jpg", null, json: false, includeMesh: false, masksFolder: null, new StringWriter(), error);
        Assert.Equal(FacesCommand.BadInput, code);
        Assert.Contains("no-such-photo.jpg", error.ToString());
    }

    [Fact]
    public void OverlayMustBePngAndNotTheInput()
    {
        var error = new StringWriter();
        Assert.Equal(FacesCommand.BadUsage, FacesCommand.Run(FaceTestData.PhotoPath(1), "overlay.jpg", false, false, null, new StringWriter(), error));
        Assert.Contains(".png", error.ToString());
        var png = Path.Combine(Path.GetTempPath(), "retouch-faces-input.png");
        Assert.Equal(FacesCommand.BadUsage, FacesCommand.Run(png, png, false, false, null, new StringWriter(), new StringWriter()));
    }
}
