using Spectre.Console;

using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Batch;

/// <summary>The table printed after a batch (file, status, time, message) and the exit code it implies.</summary>
public static class BatchSummary
{
    public const int AllOk = 0, BadArguments = 2, SomeFailed = 3, Cancelled = 130;

    /// <summary>0 when every photo was done or skipped, 130 when cancelled, 3 when any failed.</summary>
    public static int ExitCode(IReadOnlyList<BatchResult> results, bool cancelled) =>
        cancelled ? Cancelled : results.Any(r => r.Status == BatchStatus.Failed) ? SomeFailed : AllOk;

    public static void Write(IAnsiConsole console, IReadOnlyList<BatchResult> results, TimeSpan elapsed, int workers)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("File").AddColumn("Status").AddColumn(new TableColumn("Time").RightAligned()).AddColumn("Message");
        foreach (var r in results)
            table.AddRow(new Text(r.Item.Name), new Markup(Status(r.Status)),
                new Text(r.Status == BatchStatus.Skipped ? "" : $"{r.Time.TotalSeconds:0.0} s"), new Text(r.Message));
        console.Write(table);
        int Count(BatchStatus s) => results.Count(r => r.Status == s);
        console.MarkupLineInterpolated(
            $"{Count(BatchStatus.Done)} done, {Count(BatchStatus.Skipped)} skipped, {Count(BatchStatus.Failed)} failed, {Count(BatchStatus.Cancelled)} cancelled in {elapsed.TotalSeconds:0.0} s ({workers} worker(s))");
    }

    private static string Status(BatchStatus status) => status switch
    {
        BatchStatus.Done => "[green]done[/]",
        BatchStatus.Skipped => "[grey]skipped[/]",
        BatchStatus.Failed => "[red]failed[/]",
        _ => "[yellow]cancelled[/]",
    };
}
