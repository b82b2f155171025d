using System.Diagnostics;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Running;

using RetouchPlugins.Standalone.Web.Api;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// Runs the catalog's effects on sessions: one analysis per photo (through the host's one provider), previews
/// on the screen-sized copy with the analysis carried to that size (a slider move never re-analyses), and
/// full-resolution renders as cancellable jobs. At most <see cref="ServeLimits.ConcurrentRenders"/> renders
/// run at once; the rest wait their turn. No effect is named here: the descriptor says what it needs.
/// </summary>
public sealed class Renderer(IAnalysisProvider analysis, EffectResources resources, JobStore jobs, ServeOptions options) : IDisposable
{
    public const string AnalysisKind = "analysis", RenderKind = "render";

    private readonly SemaphoreSlim _slots = new(options.Limits.ConcurrentRenders);

    /// <summary>The session's analysis job (started once): faces, mesh, skin, feature and person masks, everything any effect uses.</summary>
    public Job Analyse(PhotoSession session) =>
        session.AnalysisJob(() => jobs.Start(AnalysisKind, session.Id, (job, cancellation) =>
        {
            session.SetAnalysis(analysis.Analyze(session.Working, AnalysisRequest.Portrait, job, cancellation));
            return null;
        }));

    /// <summary>The analysis, waiting for the job; null when <paramref name="effect"/> needs none.</summary>
    public async Task<PortraitAnalysis?> AnalysisFor(PhotoSession session, EffectDescriptor effect, CancellationToken cancellation)
    {
        if (effect.Needs == AnalysisNeeds.None) return null;
        if (session.Analysis is { } done) return done;
        var job = Analyse(session);
        await job.Completion.WaitAsync(cancellation);
        return job.State == JobState.Done ? session.Analysis!
            : throw ApiException.Conflict($"the analysis of {session.Name} {(job.State == JobState.Cancelled ? "was cancelled" : "failed: " + job.Error)}");
    }

    /// <summary>Renders a preview fitted into <paramref name="maxSize"/> and keeps it as the session's preview.</summary>
    public async Task<RenderRecord> Preview(PhotoSession session, CatalogEntry entry, EffectSettings settings, int maxSize, CancellationToken cancellation)
    {
        var full = await AnalysisFor(session, entry.Descriptor, cancellation);
        var (image, scaled) = session.PreviewSource(maxSize, full);
        await _slots.WaitAsync(cancellation);
        try
        {
            var clock = Stopwatch.StartNew();
            // Points are given in the photo's pixels; the preview is smaller.
            var previewSettings = PhotoPoints.ScaleAll(settings, image.Width / (float)session.Document.Width);
            var result = session.PreviewEffect(entry).Render(new EffectInput(image, scaled, resources) { LivePreview = true }, previewSettings, null, cancellation);
            var record = new RenderRecord(entry.Descriptor, session.PreviewDocument(image), result, preview: true, clock.Elapsed,
                scaled?.Faces.Count, SettingsReader.Describe(settings));
            session.Add(record);
            return record;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Starts a full-resolution render; the job's RenderId names the result. Cancelled, it leaves nothing.</summary>
    public Job Render(PhotoSession session, CatalogEntry entry, EffectSettings settings) =>
        jobs.Start(RenderKind, session.Id, (job, cancellation) =>
        {
            // The analysis is the first 60 % of the bar when it still has to run, the render the rest.
            bool analysed = session.Analysis is not null || entry.Descriptor.Needs == AnalysisNeeds.None;
            double split = analysed ? 0 : 0.6;
            var analysisJob = analysed ? null : Analyse(session);
            while (analysisJob is { State: JobState.Running })
            {
                job.Report(analysisJob.Progress * split);
                analysisJob.Completion.Wait(200, cancellation);
            }
            var found = AnalysisFor(session, entry.Descriptor, cancellation).GetAwaiter().GetResult();
            _slots.Wait(cancellation);
            try
            {
                var clock = Stopwatch.StartNew();
                var input = new EffectInput(session.Working, found, resources) { SourceJpeg = session.SourceJpeg };
                var result = session.InPhotoSpace(entry.Create().Render(input, settings, new ScaledProgress(job, split, 1), cancellation));
                cancellation.ThrowIfCancellationRequested(); // a render cancelled at its very end is not kept either
                var record = new RenderRecord(entry.Descriptor, session.Document, result, preview: false, clock.Elapsed,
                    found?.Faces.Count, SettingsReader.Describe(settings), session.Colours.Conversion);
                session.Add(record);
                return record.Id;
            }
            finally
            {
                _slots.Release();
            }
        });

    public void Dispose() => _slots.Dispose();
}
