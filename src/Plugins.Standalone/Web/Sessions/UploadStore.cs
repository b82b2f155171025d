using System.Text.Json;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>A file uploaded for a file parameter: its opaque id (what the API and the page see), display name, role and where it is kept.</summary>
public sealed record UploadedFile(string Id, string Name, FileRole Role, long Bytes, int? Width, int? Height, string Path);

/// <summary>
/// This launch's upload area for file parameters (a makeup reference photo, a style exemplar, its landmarks, a
/// garment mask, a user ONNX model): a private folder (owner-only) under the temporary folder, removed when the host
/// stops. Each upload is checked for its role (an image or mask decodes within the pixel limit, landmarks parse as
/// JSON), written atomically under a name the host makes (id + extension; the client's name is for display only),
/// and referred to by its id. The API never takes or shows a path. At most <see cref="ServeLimits.MaxUploads"/> are
/// kept; one more removes the oldest.
/// </summary>
public sealed class UploadStore(ServeOptions options) : IDisposable
{
    private readonly List<UploadedFile> _files = []; // oldest first
    private readonly object _gate = new();
    private readonly Lazy<string> _folder = new(() => CreatePrivateFolder(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The roles a client may upload for; None is no role.</summary>
    public static IReadOnlyList<FileRole> Roles { get; } = Enum.GetValues<FileRole>().Where(r => r != FileRole.None).ToArray();

    public UploadedFile Add(byte[] bytes, FileRole role, string name)
    {
        var (extension, width, height) = Check(bytes, role, name);
        var id = "f" + Ids.New();
        var path = System.IO.Path.Combine(_folder.Value, id + extension);
        var temp = path + ".part";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path);
        var file = new UploadedFile(id, name, role, bytes.LongLength, width, height, path);
        List<UploadedFile> dropped;
        lock (_gate)
        {
            _files.Add(file);
            dropped = _files.Take(Math.Max(0, _files.Count - options.Limits.MaxUploads)).ToList();
        }
        foreach (var old in dropped) Remove(old.Id);
        return file;
    }

    public IReadOnlyList<UploadedFile> All { get { lock (_gate) return _files.ToList(); } }

    public UploadedFile? Find(string id) { lock (_gate) return _files.FirstOrDefault(f => f.Id == id); }

    /// <summary>
    /// An error message fit for a client: effects name the file they could not use, which for an upload is a
    /// path in this host's private folder; the client sees the name it uploaded the file under instead.
    /// </summary>
    public string HidePaths(string message)
    {
        foreach (var file in All) message = message.Replace(file.Path, $"'{file.Name}' ({file.Id})", StringComparison.Ordinal);
        return _folder.IsValueCreated ? message.Replace(_folder.Value, "(uploads)", StringComparison.Ordinal) : message;
    }

    public bool Remove(string id)
    {
        UploadedFile? file;
        lock (_gate)
        {
            file = _files.FirstOrDefault(f => f.Id == id);
            if (file is null) return false;
            _files.Remove(file);
        }
        try { File.Delete(file.Path); }
        catch (IOException) { } // still open by a render: the folder goes when the host stops
        return true;
    }

    public void Dispose()
    {
        lock (_gate) _files.Clear();
        if (!_folder.IsValueCreated) return;
        try { Directory.Delete(_folder.Value, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The extension to keep the file under, and an image's size; a file that is not what its role needs is a 400 naming it.</summary>
    private (string Extension, int? Width, int? Height) Check(byte[] bytes, FileRole role, string name)
    {
        switch (role)
        {
            case FileRole.Image:
            case FileRole.Mask:
                var document = ImageFile.LoadFromBuffer(bytes, name, new ImageLoadOptions { MaxPixels = options.Limits.MaxPixels });
                return (document.SourceFormat switch
                {
                    ImageFormat.Jpeg => ".jpg",
                    ImageFormat.Png => ".png",
                    ImageFormat.Tiff => ".tif",
                    ImageFormat.WebP => ".webp",
                    ImageFormat.Avif => ".avif",
                    ImageFormat.Psd => document.Photoshop?.Extension ?? ".psd", // a PSB stays one
                    ImageFormat.OpenRaster => ".ora",
                    _ => throw ApiException.BadRequest($"{name}: an uploaded {role.ToString().ToLowerInvariant()} must be JPEG, PNG, TIFF, WebP, AVIF, PSD or OpenRaster"),
                }, document.Width, document.Height);
            case FileRole.Landmarks:
                try { using var _ = JsonDocument.Parse(bytes); }
                catch (JsonException e) { throw ApiException.BadRequest($"{name}: a landmark file must be JSON ({e.Message})"); }
                return (".json", null, null);
            case FileRole.OnnxModel:
                // Opened by ONNX Runtime on first use; a file that is not a model is a 400 from that render, naming it.
                return (".onnx", null, null);
            default:
                throw ApiException.BadRequest($"unknown file role '{role}'");
        }
    }

    private static string CreatePrivateFolder()
    {
        // Not under retouch-serve/, the exports' folder, which is empty whenever no export is being written.
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "retouch-uploads");
        Directory.CreateDirectory(root);
        var folder = System.IO.Path.Combine(root, Ids.New());
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder); // the user's own %TEMP% is private already
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }
}
