using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// <see cref="PortraitAnalysis.ReleasePhoto"/>: a file run renders into the decoded photo instead of a copy; the analysis'
/// masks still to be built (whole-photo skin, person) that the effect declared must come out as from the untouched
/// photo, to the bit, and one it did not declare must not be built from the changed photo.
/// </summary>
public class ReleasePhotoTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    /// <param name="workingSize">768: sample1 (1920 px) is analysed on a smaller copy and its masks carried up, guided by
    /// the photo. 2048: the photo is the working copy itself, and body skin is built from its pixels.</param>
    [Theory]
    [InlineData(768)]
    [InlineData(2048)]
    public void MasksDeclaredAtTheReleaseAreThoseOfTheUntouchedPhoto(int workingSize)
    {
        var (reference, released, photo) = TwoAnalyses(workingSize);
        released.ReleasePhoto(WholePhotoMasks.Skin | WholePhotoMasks.Person);
        Scribble(photo);
        Assert.True(Same(reference.SkinMask, released.SkinMask), "the whole-photo skin changed with the photo");
        Assert.True(Same(reference.PersonMask!, released.PersonMask!), "the person mask changed with the photo");
        // Body skin is there to be changed (sample1's neck and arms): the whole-photo skin is more than the face's.
        var face = reference.FaceSkinMask.Data;
        Assert.True(reference.SkinMask.Data.Where((v, i) => v - face[i] > 0.5f).Count() > 5000, "too little body skin for the test to mean anything");
    }

    /// <summary>The counter-test: without the release, a pending carry reads the photo as it is when it is built.</summary>
    [Fact]
    public void WithoutTheReleaseAChangedPhotoChangesTheMasksStillToBeBuilt()
    {
        var (reference, kept, photo) = TwoAnalyses(768);
        Scribble(photo);
        Assert.False(Same(reference.SkinMask, kept.SkinMask));
    }

    /// <summary>A mask not declared and not built yet throws when read after the release; the declared one is there.</summary>
    [Fact]
    public void AMaskNotDeclaredIsNotBuiltFromTheChangedPhoto()
    {
        var (reference, released, photo) = TwoAnalyses(768);
        released.ReleasePhoto(WholePhotoMasks.Skin);
        Scribble(photo);
        Assert.True(Same(reference.SkinMask, released.SkinMask));
        var error = Assert.Throws<InvalidOperationException>(() => released.PersonMask);
        Assert.Contains("person mask", error.Message);
        var (_, none, _) = TwoAnalyses(768);
        none.ReleasePhoto(WholePhotoMasks.None);
        Assert.Contains("skin mask", Assert.Throws<InvalidOperationException>(() => none.SkinMask).Message);
        // The working-size masks need no photo: a smaller mask is still there.
        Assert.NotNull(none.SkinMaskAt(100, 100));
    }

    /// <summary>Releasing after every mask was built, or twice, costs nothing and changes nothing.</summary>
    [Fact]
    public void ReleasingWhenNothingIsPendingChangesNothing()
    {
        var (reference, released, photo) = TwoAnalyses(768);
        _ = released.SkinMask;
        _ = released.PersonMask;
        released.ReleasePhoto(WholePhotoMasks.None);
        released.ReleasePhoto(WholePhotoMasks.None);
        Scribble(photo);
        Assert.True(Same(reference.SkinMask, released.SkinMask));
        Assert.True(Same(reference.PersonMask!, released.PersonMask!));
    }

    private (PortraitAnalysis Reference, PortraitAnalysis Other, PlanarImage Photo) TwoAnalyses(int workingSize)
    {
        using var analyzer = new PortraitAnalyzer(fixture.Environment);
        var options = new AnalyzerOptions { WorkingSize = workingSize };
        var photo = FaceTestData.Photo(1).Clone();
        var reference = analyzer.Analyze(FaceTestData.Photo(1).Clone(), options);
        var other = analyzer.Analyze(photo, options);
        Assert.Equal(reference.Faces.Count, other.Faces.Count);
        return (reference, other, photo);
    }

    /// <summary>What a render into the photo could do, at its most: every pixel changed (a dark and a light band).</summary>
    private static void Scribble(PlanarImage photo)
    {
        for (int i = 0; i < photo.Data.Length; i++) photo.Data[i] = (i / photo.Width) % 64 < 32 ? 0.1f : 0.9f;
    }

    private static bool Same(PlanarImage a, PlanarImage b) => a.Data.AsSpan().SequenceEqual(b.Data);
}
