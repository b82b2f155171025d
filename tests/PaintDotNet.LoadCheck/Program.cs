// Loads a packaged plugin folder (Effects/RetouchPlugins/) as Paint.NET does, builds every menu effect, reads the
// plugin's support information, renders one effect on a raw BGRA photo and writes the result. Prints what it saw,
// including which native libraries the process loaded from where; exit 0 when everything worked.
//   PaintDotNet.LoadCheck PLUGIN_FOLDER INPUT.bgra WIDTH HEIGHT OUTPUT.bgra "EFFECT LABEL"
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.PaintDotNet.LoadCheck;

if (args.Length != 6) { Console.Error.WriteLine("usage: PaintDotNet.LoadCheck PLUGIN_FOLDER INPUT.bgra WIDTH HEIGHT OUTPUT.bgra \"EFFECT LABEL\""); return 1; }
var (folder, input, width, height, output, label) = (Path.GetFullPath(args[0]), args[1], int.Parse(args[2]), int.Parse(args[3]), args[4], args[5]);
Console.WriteLine($"OS: {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {RuntimeInformation.ProcessArchitecture}");

// Paint.NET's rule: Effects/NAME/NAME.dll with NAME.deps.json beside it.
var name = Path.GetFileName(folder);
var pluginDll = Path.Combine(folder, name + ".dll");
foreach (var need in new[] { pluginDll, Path.Combine(folder, name + ".deps.json") })
    if (!File.Exists(need)) { Console.Error.WriteLine($"error: {need}: missing"); return 1; }
var context = new PluginLoadContext(pluginDll);
var plugin = context.LoadFromAssemblyPath(pluginDll);
Console.WriteLine($"plugin: {plugin.FullName} in load context '{AssemblyLoadContext.GetLoadContext(plugin)?.Name}'");

// What Paint.NET shows about the plugin.
foreach (var attribute in plugin.GetCustomAttributes(inherit: false).OfType<PluginSupportInfoAttribute>())
{
    var info = (IPluginSupportInfo)Activator.CreateInstance(attribute.GetType().GetGenericArguments()[0])!;
    Console.WriteLine($"support info: {info.DisplayName} {info.Version} by {info.Author}, {info.Copyright}, site {info.WebsiteUri?.ToString() ?? "(none)"}");
}

var photo = new StandInBitmap(width, height);
var bytes = File.ReadAllBytes(input);
if (bytes.Length != width * height * 4) { Console.Error.WriteLine($"error: {input}: {bytes.Length} bytes for {width}x{height} BGRA"); return 1; }
MemoryMarshal.Cast<byte, ColorBgra32>(bytes).CopyTo(photo.Pixels);

// Paint.NET builds every effect of the folder for its menu.
var menu = plugin.GetExportedTypes()
    .Where(t => t.IsSubclassOf(typeof(PropertyBasedBitmapEffect)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
    .Select(t => (PropertyBasedBitmapEffect)Activator.CreateInstance(t)!).ToArray();
StandInEffectHost? chosen = null;
foreach (var effect in menu)
{
    var host = new StandInEffectHost(effect, photo);
    Console.WriteLine($"menu: {host.SubMenuName} > {host.Name} (icon {host.Icon?.Size.Width}x{host.Icon?.Size.Height})");
    if (host.Name == label) chosen = host;
}
if (chosen is null) { Console.Error.WriteLine($"error: no menu effect named '{label}'"); return 1; }

var watch = Stopwatch.StartNew();
var result = chosen.Render(tileSize: 256, parallel: true);
Console.WriteLine($"rendered '{label}' on {width}x{height} in {watch.Elapsed.TotalSeconds:0.0} s");
File.WriteAllBytes(output, MemoryMarshal.AsBytes(result.Pixels.AsSpan()).ToArray());
int changed = 0;
for (int i = 0; i < photo.Pixels.Length; i++) if (!photo.Pixels[i].Equals(result.Pixels[i])) changed++;
Console.WriteLine($"changed pixels: {changed} of {photo.Pixels.Length}");

// What the plugin's own native search (PluginServices -> PluginNativeLibraries) loaded from its folder.
var services = plugin.GetType("RetouchPlugins.PaintDotNet.PluginServices")!.GetMethod("For")!.Invoke(null, [folder])!;
var natives = services.GetType().GetProperty("Natives")!.GetValue(services)!;
foreach (var (asked, path) in (IReadOnlyDictionary<string, string>)natives.GetType().GetProperty("Loaded")!.GetValue(natives)!)
    Console.WriteLine($"served from the plugin folder: {asked} -> {path}");
foreach (ProcessModule module in Process.GetCurrentProcess().Modules)
    if (module.ModuleName.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase) || module.ModuleName.Contains("DirectML", StringComparison.OrdinalIgnoreCase)
        || module.ModuleName.Contains("vips", StringComparison.OrdinalIgnoreCase))
        Console.WriteLine($"native loaded: {module.FileName}");
foreach (var assembly in context.Assemblies)
    Console.WriteLine($"assembly in the plugin's context: {assembly.GetName().Name} {assembly.GetName().Version} from {assembly.Location}");
return changed > 0 ? 0 : 2;

