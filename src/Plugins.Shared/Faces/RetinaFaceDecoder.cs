using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Turns the raw outputs of RetinaFace MobileNet-0.25 (insightface's mnet.25 export) into faces.
/// Per stride s in {32, 16, 8} the network predicts, for every cell (x, y) and each of its two
/// anchors a: a face probability (channel 2 + a of the softmaxed cls output; channels 0-1 are the
/// background), box deltas (channels 4a..4a+3: dx, dy, dw, dh) and landmark deltas (channels
/// 10a + 2k, 10a + 2k + 1 for point k). The anchors are insightface's: square, 16 * scale pixels
/// wide with scales {32, 16} at stride 32, {8, 4} at 16 and {2, 1} at 8 (sizes 512/256, 128/64,
/// 32/16), centred at (s·x + 7.5, s·y + 7.5). Box deltas are relative to the anchor size with
/// unit variance: centre = anchor centre + d·size, size = exp(dw)·size. Landmark deltas carry a
/// variance of 0.2: point = anchor centre + 0.2·d·size. (Both measured on this model: moving one
/// cell, 16 px at stride 16, changes the box dx of the 128 px anchor by about 16/128 and the
/// landmark dx by about 16/(0.2·128).)
/// </summary>
internal static class RetinaFaceDecoder
{
    public static readonly int[] Strides = [32, 16, 8];

    /// <summary>Anchor sizes in network pixels per stride, in the order of the anchor channels.</summary>
    public static float[] AnchorSizes(int stride) => stride switch
    {
        32 => [512, 256],
        16 => [128, 64],
        8 => [32, 16],
        _ => throw new ArgumentOutOfRangeException(nameof(stride)),
    };

    /// <summary>Scale of the landmark deltas (insightface's landmark_std for this export).</summary>
    public const float LandmarkVariance = 0.2f;

    public static string ScoresName(int stride) => $"face_rpn_cls_prob_reshape_stride{stride}";
    public static string BoxesName(int stride) => $"face_rpn_bbox_pred_stride{stride}";
    public static string LandmarksName(int stride) => $"face_rpn_landmark_pred_stride{stride}";

    /// <summary>
    /// Candidates scoring at least <paramref name="threshold"/>, mapped from network pixels to image
    /// pixels by image = offset + network / scale (continuous coordinates, pixel i covering [i, i+1)).
    /// </summary>
    public static List<DetectedFace> Decode(OnnxOutputs outputs, float threshold, float offsetX, float offsetY, float scaleX, float scaleY)
    {
        var faces = new List<DetectedFace>();
        foreach (int stride in Strides)
        {
            var scores = outputs[ScoresName(stride)];
            var boxes = outputs[BoxesName(stride)].Floats;
            var marks = outputs[LandmarksName(stride)].Floats;
            int height = (int)scores.Shape[2], width = (int)scores.Shape[3], plane = height * width;
            var sizes = AnchorSizes(stride);
            int anchors = sizes.Length;
            var prob = scores.Floats;
            for (int a = 0; a < anchors; a++)
            {
                float size = sizes[a];
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                    {
                        int cell = y * width + x;
                        float score = prob[(anchors + a) * plane + cell];
                        if (score < threshold) continue;
                        float cx = stride * x + 7.5f, cy = stride * y + 7.5f;
                        float bx = boxes[(4 * a) * plane + cell] * size + cx;
                        float by = boxes[(4 * a + 1) * plane + cell] * size + cy;
                        float bw = MathF.Exp(boxes[(4 * a + 2) * plane + cell]) * size;
                        float bh = MathF.Exp(boxes[(4 * a + 3) * plane + cell]) * size;
                        // insightface counts in pixel indices (a box spans x1..x2 inclusive); +0.5 moves to
                        // continuous coordinates where pixel i covers [i, i+1).
                        var box = new FaceBox(
                            offsetX + (bx + 0.5f - 0.5f * bw) / scaleX, offsetY + (by + 0.5f - 0.5f * bh) / scaleY,
                            offsetX + (bx + 0.5f + 0.5f * bw) / scaleX, offsetY + (by + 0.5f + 0.5f * bh) / scaleY);
                        float step = LandmarkVariance * size;
                        var points = new FacePoint[5];
                        for (int k = 0; k < 5; k++)
                            points[k] = new FacePoint(
                                offsetX + (marks[(10 * a + 2 * k) * plane + cell] * step + cx + 0.5f) / scaleX,
                                offsetY + (marks[(10 * a + 2 * k + 1) * plane + cell] * step + cy + 0.5f) / scaleY);
                        faces.Add(new DetectedFace(box, score, points));
                    }
            }
        }
        return faces;
    }
}
