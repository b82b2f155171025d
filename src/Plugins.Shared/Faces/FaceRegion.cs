namespace RetouchPlugins.Shared.Faces;

/// <summary>The parts of a face <see cref="FaceRegions"/> can draw as soft masks.</summary>
public enum FaceRegion
{
    /// <summary>Everything inside the mesh's face contour (forehead to chin, cheek to cheek).</summary>
    FaceOval,
    /// <summary>The oval minus eyes, brows, lips and nostrils, kept a little away from each of them and from the contour.</summary>
    Skin,
    /// <summary>Upper and lower lip, without the mouth opening.</summary>
    Lips,
    /// <summary>Both eyes (the opening between the lids).</summary>
    Eyes,
    /// <summary>Both eyebrows.</summary>
    Brows,
    /// <summary>The mouth opening between the lips (teeth, tongue).</summary>
    InnerMouth,
    /// <summary>Both nostril openings.</summary>
    Nostrils,
}
