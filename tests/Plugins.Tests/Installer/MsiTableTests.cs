using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Installer;

/// <summary>
/// The MSI itself, read back with msitools: what installer/build-msi.sh put in its tables, and that every file of the
/// publish output is inside with the same bytes. Under Wine (WineInstallTests) the same MSI is installed and run.
/// </summary>
[Collection(InstallerCollection.Name)]
public sealed class MsiTableTests(MsiBuild build, ITestOutputHelper log)
{
    private const string UpgradeCode = "{6F1C2A7E-3B4D-4C5E-9A8B-1D2E3F405162}";
    private readonly MsiDatabase _msi = new(build.Msi);

    [Fact]
    public void EveryPublishedFileIsInTheMsiWithItsSha256()
    {
        var size = new FileInfo(build.Msi).Length;
        log.WriteLine($"{Path.GetFileName(build.Msi)}: {size / 1048576.0:F1} MiB, built in {build.BuildTime.TotalSeconds:F0} s " + (build.Published ? "(win-x64 publishes included)" : "(from given publish folders)") +
                      $"; the newer version from the same publish in {build.NewerBuildTime.TotalSeconds:F0} s");
        var extracted = Path.Combine(build.Root, "extracted");
        _msi.ExtractTo(extracted);

        // msiextract lays the files out by the Directory table: INSTALLDIR is RetouchPlugins/, the plugin folder
        // PaintDotNetEffects/RetouchPlugins/ (the default name of PDNEFFECTSDIR, replaced at install time).
        var expected = new Dictionary<string, string>();
        foreach (var (rel, sha) in MsiBuild.Hashes(build.StandaloneDir)) expected["RetouchPlugins/" + rel] = sha;
        foreach (var (rel, sha) in MsiBuild.Hashes(build.PluginDir)) expected["PaintDotNetEffects/RetouchPlugins/" + rel] = sha;
        var actual = MsiBuild.Hashes(extracted);

        Assert.Empty(expected.Keys.Except(actual.Keys).Order());
        var wrong = expected.Where(e => actual[e.Key] != e.Value).Select(e => e.Key).ToArray();
        Assert.Empty(wrong);
        // The only file that is not from a publish folder: the notices, with every shipped package in it.
        Assert.Equal(["RetouchPlugins/THIRD-PARTY-NOTICES.txt"], actual.Keys.Except(expected.Keys));
        var notices = File.ReadAllText(Path.Combine(extracted, "RetouchPlugins", "THIRD-PARTY-NOTICES.txt"));
        foreach (var part in new[] { "onnxruntime.dll", "DirectML.dll", "libvips-42.dll", "LGPL-3.0-or-later", "u2netp.onnx", "u2netp-int8.onnx", "face_mesh.onnx",
                     "realesrgan-x4plus.onnx", "System.CommandLine", "runtimepack.Microsoft.NETCore.App.Runtime.win-x64" })
            Assert.Contains(part, notices);
        Assert.True(expected.Count > 300, $"only {expected.Count} files published");
    }

    [Fact]
    public void OneComponentPerFileWithAGuidThatIsTheSameInEveryBuild()
    {
        var components = _msi.Rows("Component");
        var files = _msi.Rows("File");
        Assert.Equal(files.Count, files.Select(f => f["Component_"]).Distinct().Count());
        foreach (var f in files)
        {
            var c = components.Single(c => c["Component"] == f["Component_"]);
            Assert.Equal(f["File"], c["KeyPath"]);
            Assert.Equal(256, int.Parse(c["Attributes"]) & 256); // msidbComponentAttributes64bit
        }
        Assert.Equal(components.Count, components.Select(c => c["ComponentId"]).Distinct().Count());
        Assert.All(components, c => Assert.Matches("^\\{[0-9A-F-]{36}\\}$", c["ComponentId"]));

        // Built separately, with another version: same components, same GUIDs (what a major upgrade relies on).
        var newer = new MsiDatabase(build.NewerMsi).Rows("Component").ToDictionary(c => c["Component"], c => c["ComponentId"]);
        Assert.Equal(components.ToDictionary(c => c["Component"], c => c["ComponentId"]), newer);
    }

    [Fact]
    public void InstallsPerMachineIntoProgramFilesWithTheThreeFeatures()
    {
        var properties = _msi.Rows("Property").ToDictionary(p => p["Property"], p => p["Value"]);
        Assert.Equal("1", properties["ALLUSERS"]);
        Assert.Equal(build.Version, properties["ProductVersion"]);
        Assert.Equal(UpgradeCode, properties["UpgradeCode"]);
        Assert.Contains("x64;1033", _msi.SummaryInformation());

        var dirs = _msi.Rows("Directory").ToDictionary(d => d["Directory"]);
        Assert.Equal("ProgramFiles64Folder", dirs["INSTALLDIR"]["Directory_Parent"]);
        Assert.EndsWith("RetouchPlugins", dirs["INSTALLDIR"]["DefaultDir"]);
        Assert.Equal("PDNEFFECTSDIR", dirs["PDNPLUGINDIR"]["Directory_Parent"]);
        Assert.EndsWith("RetouchPlugins", dirs["PDNPLUGINDIR"]["DefaultDir"]);

        var features = _msi.Rows("Feature").ToDictionary(f => f["Feature"]);
        Assert.Equal(["AddToPath", "Application", "PaintDotNet"], features.Keys.Order());
        Assert.Equal("1", features["Application"]["Level"]);
        Assert.Equal("1", features["PaintDotNet"]["Level"]);
        Assert.True(int.Parse(features["AddToPath"]["Level"]) > 1, "AddToPath is off unless selected (INSTALLLEVEL 1)");

        // Each feature holds the components under its own folder.
        var componentDir = _msi.Rows("Component").ToDictionary(c => c["Component"], c => c["Directory_"]);
        var byFeature = _msi.Rows("FeatureComponents").ToLookup(r => r["Feature_"], r => r["Component_"]);
        string Top(string dir) { while (dirs[dir]["Directory_Parent"] is var p && p is not ("INSTALLDIR" or "PDNEFFECTSDIR" or "ProgramMenuFolder" or "ProgramFiles64Folder" or "TARGETDIR")) dir = p; return dir; }
        Assert.All(byFeature["PaintDotNet"], c => Assert.Equal("PDNPLUGINDIR", Top(componentDir[c])));
        Assert.All(byFeature["Application"].Where(c => c is not ("StartMenuShortcut" or "InstallDirRecord")), c => Assert.Contains(Top(componentDir[c]), new[] { "INSTALLDIR" }.Concat(dirs.Keys.Where(d => dirs[d]["Directory_Parent"] == "INSTALLDIR"))));
        Assert.Equal(["PathEntry"], byFeature["AddToPath"]);
    }

    [Fact]
    public void StartMenuShortcutOpensTheStandaloneHost()
    {
        var shortcut = Assert.Single(_msi.Rows("Shortcut"));
        Assert.Equal("ProgramMenuDir", shortcut["Directory_"]);
        Assert.Equal("[INSTALLDIR]retouch.exe", shortcut["Target"]);
        Assert.Equal("serve", shortcut["Arguments"]);
        Assert.Equal("INSTALLDIR", shortcut["WkDir"]);
        var dirs = _msi.Rows("Directory").ToDictionary(d => d["Directory"]);
        Assert.Equal("ProgramMenuFolder", dirs["ProgramMenuDir"]["Directory_Parent"]);
        // The menu folder goes with the shortcut on uninstall (RemoveFile with no name = the folder; 2 = on uninstall).
        var remove = Assert.Single(_msi.Rows("RemoveFile"));
        Assert.Equal(("ProgramMenuDir", "2", shortcut["Component_"]), (remove["DirProperty"], remove["InstallMode"], remove["Component_"]));
    }

    [Fact]
    public void PaintDotNetFolderComesFromTheCommandLineAnEarlierInstallOrPaintDotNetsRegistryEntry()
    {
        var locators = _msi.Rows("RegLocator").ToDictionary(r => r["Signature_"]);
        var search = _msi.Rows("AppSearch").ToDictionary(r => r["Property"], r => r["Signature_"]);
        var pdn = locators[search["PDNINSTALLDIR"]];
        // Root 2 = HKLM; Type 18 = raw value (2) read in the 64-bit view (16), where Paint.NET x64 writes it.
        Assert.Equal(("2", @"SOFTWARE\paint.net", "TARGETDIR", "18"), (pdn["Root"], pdn["Key"], pdn["Name"], pdn["Type"]));
        var installDir = locators[search["INSTALLDIRREMEMBERED"]];
        Assert.Equal(("2", @"SOFTWARE\RetouchPlugins", "InstallDir"), (installDir["Root"], installDir["Key"], installDir["Name"]));
        var remembered = locators[search["PDNREMEMBERED"]];
        Assert.Equal(("2", @"SOFTWARE\RetouchPlugins", "PdnEffectsDir"), (remembered["Root"], remembered["Key"], remembered["Name"]));

        var actions = _msi.Rows("CustomAction").ToDictionary(a => a["Action"]);
        Assert.All(actions.Values, a => Assert.Equal(51, int.Parse(a["Type"]) & 0x3F)); // set a property, nothing runs
        Assert.Equal("[PDNINSTALLDIR]Effects\\", actions["PdnEffectsDirFromRegistry"]["Target"]);
        var sequence = _msi.Rows("InstallExecuteSequence").ToDictionary(r => r["Action"]);
        int At(string action) => int.Parse(sequence[action]["Sequence"]);
        Assert.True(At("AppSearch") < At("InstallDirRemembered") && At("InstallDirRemembered") < At("CostInitialize"));
        Assert.True(At("AppSearch") < At("PdnEffectsDirRemembered") && At("PdnEffectsDirRemembered") < At("PdnEffectsDirFromRegistry")
                    && At("PdnEffectsDirFromRegistryNoSlash") < At("CostFinalize"), "the folder is settled before costing");
        Assert.Contains("NOT PDNEFFECTSDIR", sequence["PdnEffectsDirFromRegistry"]["Condition"]);

        // No folder: the feature is switched off (level 0), and the reason is a property, so it shows in the log.
        // PDNFOUND is set before costing only when a folder is known (costing gives PDNEFFECTSDIR a default value).
        var condition = Assert.Single(_msi.Rows("Condition"));
        Assert.Equal(("PaintDotNet", "0", "NOT PDNFOUND"), (condition["Feature_"], condition["Level"], condition["Condition"]));
        Assert.Equal(("PDNFOUND", "PDNEFFECTSDIR"), (actions["PdnEffectsDirKnown"]["Source"], sequence["PdnEffectsDirKnown"]["Condition"]));
        Assert.True(At("PdnEffectsDirKnown") < At("CostInitialize"));
        // The command line's folders reach the elevated part of a per-machine install.
        var secure = _msi.Rows("Property").Single(p => p["Property"] == "SecureCustomProperties")["Value"].Split(';');
        Assert.Contains("PDNEFFECTSDIR", secure);
        Assert.Contains("INSTALLDIR", secure);
        Assert.Equal("PDNSKIPPED", actions["PdnSkippedReason"]["Source"]);
    }

    [Fact]
    public void MajorUpgradeReplacesOlderVersionsAndRefusesADowngrade()
    {
        var rows = _msi.Rows("Upgrade");
        Assert.All(rows, r => Assert.Equal(UpgradeCode, r["UpgradeCode"]));
        var older = rows.Single(r => r["ActionProperty"] == "WIX_UPGRADE_DETECTED");
        Assert.Equal(("", build.Version), (older["VersionMin"], older["VersionMax"])); // every earlier version
        Assert.Equal(0, int.Parse(older["Attributes"]) & 2);                           // not detect-only: removed
        var newer = rows.Single(r => r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED");
        Assert.Equal(2, int.Parse(newer["Attributes"]) & 2);                            // detect only
        Assert.Contains(_msi.Rows("LaunchCondition"), c => c["Condition"] == "NOT WIX_DOWNGRADE_DETECTED");
        var sequence = _msi.Rows("InstallExecuteSequence").ToDictionary(r => r["Action"], r => int.Parse(r["Sequence"]));
        Assert.InRange(sequence["RemoveExistingProducts"], sequence["InstallValidate"], sequence["InstallInitialize"]);

        var newerMsi = new MsiDatabase(build.NewerMsi).Rows("Property").ToDictionary(p => p["Property"], p => p["Value"]);
        var thisMsi = _msi.Rows("Property").ToDictionary(p => p["Property"], p => p["Value"]);
        Assert.Equal(thisMsi["UpgradeCode"], newerMsi["UpgradeCode"]);
        Assert.NotEqual(thisMsi["ProductCode"], newerMsi["ProductCode"]);
        Assert.Equal(build.NewerVersion, newerMsi["ProductVersion"]);
    }

    [Fact]
    public void AddToPathAppendsTheInstallFolderToTheSystemPathAndTakesItBackOnUninstall()
    {
        var row = Assert.Single(_msi.Rows("Environment"));
        // = set on install, - removed on uninstall, * system variable; [~]; appends to what is there.
        Assert.Equal(("=-*Path", "[~];[INSTALLDIR]", "PathEntry"), (row["Name"], row["Value"], row["Component_"]));
        var sequence = _msi.Rows("InstallExecuteSequence").Select(r => r["Action"]).ToHashSet();
        Assert.Contains("WriteEnvironmentStrings", sequence);
        Assert.Contains("RemoveEnvironmentStrings", sequence);
    }
}
