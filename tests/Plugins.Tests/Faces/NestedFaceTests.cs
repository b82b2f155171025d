using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

/// <summary>No face is ever reported inside another face's box (issue 13: a tile saw a "face" of 0.84 in a close-up's cheek).</summary>
public class NestedFaceTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    private static DetectedFace Face(float left, float top, float size, float score) =>
        new(new FaceBox(left, top, left + size, top + size), score, [new(left, top), new(left + size, top), new(left, top), new(left, top), new(left, top)]);

    [Fact]
    public void AFaceWhoseCentreLiesInALargerFaceIsDropped()
    {
        var large = Face(100, 100, 1000, 0.99f);
        var cheek = Face(650, 600, 300, 0.995f);   // higher score, centre inside the large box, IoU 0.09
        var neighbour = Face(1150, 100, 900, 0.9f); // overlaps nothing's centre: kept
        var kept = NonMaxSuppression.WithoutNested([large, cheek, neighbour]);
        Assert.Equal([large, neighbour], kept);
    }

    /// <summary>
    /// The case: sample1's first face cropped and stretched to 3840x2160, the detector run on it at full size
    /// with its tiles (which see only parts of the face). One face, and no box holds another's centre.
    /// </summary>
    [Fact]
    public void AStretchedCloseUpHasOneFace()
    {
        var photo = FaceTestData.Photo(1);
        var closeUp = Resampler.Resize(photo, 673, 250, 520, 693, 3840, 2160);
        var faces = fixture.Detector.Detect(closeUp);
        foreach (var f in faces)
            Assert.DoesNotContain(faces, o => !ReferenceEquals(o, f) && o.Box.Contains(f.Box.Center));
        var face = Assert.Single(faces);
        Assert.True(face.Box.Width > 1000, $"the face is {face.Box}");
    }
}
