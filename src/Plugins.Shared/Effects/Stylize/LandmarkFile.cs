using System.Globalization;
using System.Numerics;
using System.Text.Json;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Reads hand-corrected face meshes for a style image, in the JSON `retouch faces IMAGE --json --mesh` writes:
/// <c>{ "width": W, "height": H, "faces": [ { "mesh": [[x, y, z], … 468 points] }, … ] }</c> (photo pixels; z and
/// every other field optional). A painting the analyzer cannot read gets its mesh this way: run `faces` on a
/// photo of a similar pose, move the points in any editor, pass the file back. Every problem is an error that
/// names the file and the entry.
/// </summary>
public static class LandmarkFile
{
    /// <summary>The meshes (468 points each, photo pixels) of the faces in <paramref name="path"/>, checked against the image size.</summary>
    public static IReadOnlyList<Vector2[]> Read(string path, int imageWidth, int imageHeight)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the landmark file: {e.Message}", e);
        }
        return Parse(text, path, imageWidth, imageHeight);
    }

    public static IReadOnlyList<Vector2[]> Parse(string json, string path, int imageWidth, int imageHeight)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a landmark file (invalid JSON: {e.Message})", e); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("faces", out var faces) || faces.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{path}: no \"faces\" array (write one with `retouch faces STYLE --json --mesh`)");
            CheckSize(root, path, imageWidth, imageHeight);
            var meshes = new List<Vector2[]>();
            int f = 0;
            foreach (var face in faces.EnumerateArray())
            {
                if (face.ValueKind == JsonValueKind.Object && face.TryGetProperty("mesh", out var mesh) && mesh.ValueKind != JsonValueKind.Null)
                    meshes.Add(ReadMesh(mesh, $"faces[{f}].mesh", path, imageWidth, imageHeight));
                f++;
            }
            if (meshes.Count == 0)
                throw new InvalidDataException($"{path}: no face has a \"mesh\" of {FaceMeshTopology.PointCount} points (write one with `retouch faces STYLE --json --mesh`)");
            return meshes;
        }
    }

    private static void CheckSize(JsonElement root, string path, int imageWidth, int imageHeight)
    {
        bool hasW = root.TryGetProperty("width", out var w) && w.ValueKind == JsonValueKind.Number;
        bool hasH = root.TryGetProperty("height", out var h) && h.ValueKind == JsonValueKind.Number;
        if (hasW && hasH && (w.GetDouble() != imageWidth || h.GetDouble() != imageHeight))
            throw new InvalidDataException(
                $"{path}: \"width\"/\"height\" say the landmarks are for a {w.GetDouble()}x{h.GetDouble()} image, the style image is {imageWidth}x{imageHeight}");
    }

    private static Vector2[] ReadMesh(JsonElement mesh, string entry, string path, int width, int height)
    {
        if (mesh.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: {entry} is not an array of points");
        int count = mesh.GetArrayLength();
        if (count != FaceMeshTopology.PointCount)
            throw new InvalidDataException($"{path}: {entry} has {count} points, a face mesh has {FaceMeshTopology.PointCount}");
        var points = new Vector2[count];
        int i = 0;
        foreach (var point in mesh.EnumerateArray())
        {
            string at = $"{entry}[{i}]";
            if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() is < 2 or > 3 ||
                point.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                throw new InvalidDataException($"{path}: {at} is not [x, y] or [x, y, z] in numbers");
            float x = (float)point[0].GetDouble(), y = (float)point[1].GetDouble();
            if (!float.IsFinite(x) || !float.IsFinite(y) || x < 0 || y < 0 || x > width || y > height)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: {at} = ({x}, {y}) is outside the {width}x{height} style image"));
            points[i++] = new Vector2(x, y);
        }
        return points;
    }
}
