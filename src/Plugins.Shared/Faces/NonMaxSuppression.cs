namespace RetouchPlugins.Shared.Faces;

/// <summary>Greedy non-maximum suppression over face candidates, best score first.</summary>
internal static class NonMaxSuppression
{
    /// <param name="iouThreshold">A candidate overlapping a kept face by more than this IoU is dropped.</param>
    /// <param name="containmentThreshold">
    /// Also dropped when this share of the smaller box lies inside a kept face: the same face seen at
    /// two scales or in two tiles can give a small box inside a large one with a low IoU.
    /// </param>
    public static List<DetectedFace> Apply(IEnumerable<DetectedFace> candidates, float iouThreshold, float containmentThreshold)
    {
        var kept = new List<DetectedFace>();
        foreach (var c in candidates.OrderByDescending(c => c.Score))
        {
            bool duplicate = false;
            foreach (var k in kept)
            {
                float inter = c.Box.IntersectionArea(k.Box);
                float smaller = Math.Min(c.Box.Area, k.Box.Area);
                if (c.Box.IoU(k.Box) > iouThreshold || (smaller > 0 && inter / smaller > containmentThreshold)) { duplicate = true; break; }
            }
            if (!duplicate) kept.Add(c);
        }
        return kept;
    }

    /// <summary>
    /// Drops every face whose centre lies inside a larger face's box, whatever the scores: a face cannot sit in
    /// another's cheek. A tile that sees only part of a large face can score a "face" there (seen: 0.84 in the
    /// cheek of a close-up stretched to 3840x2160), with too little overlap for the IoU or containment tests.
    /// </summary>
    public static List<DetectedFace> WithoutNested(IReadOnlyList<DetectedFace> faces) =>
        faces.Where(f => !faces.Any(o => !ReferenceEquals(o, f) && o.Box.Area > f.Box.Area && o.Box.Contains(f.Box.Center))).ToList();
}
