namespace RetouchPlugins.Shared.Effects;

/// <summary>A place the detector looked at and why it was not healed ("" when it was kept), with the shape tests' values (the plane test's ratio on its near ring and on its far ring); coordinates as in <see cref="Blemish"/>.</summary>
public sealed record BlemishCandidate(float X, float Y, float Radius, float Score, BlemishKind Kind, string Rejected, float AxisBalance = float.NaN, float PlaneRatio = float.NaN, float FarPlaneRatio = float.NaN);

/// <summary>How the heal of one kept blemish went: attempts made, how much it still showed (1 = at the visible level) first and at best, and how the kept attempt healed.</summary>
public sealed record HealOutcome(float X, float Y, float Hole, int Attempts, float FirstShows, float BestShows, string Method = "");

/// <summary>
/// Optional record of one detect-and-heal pass, for the benchmark's per-spot diagnosis (was a spot a candidate, why was
/// it rejected, how did its heal go). Null in normal runs: nothing is collected then. Coordinates in photo pixels.
/// </summary>
public sealed class BlemishDiagnostics
{
    /// <summary>Local maxima of the detector's score down to <see cref="CandidateFloor"/> of the threshold, kept or not.</summary>
    public List<BlemishCandidate> Candidates { get; } = [];

    public List<HealOutcome> Heals { get; } = [];

    /// <summary>Scores below this share of the threshold are not recorded (pores, grain).</summary>
    public const float CandidateFloor = 0.4f;
}
