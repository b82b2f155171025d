namespace RetouchPlugins.Shared.Running;

/// <summary>One photo of a batch and the file its result goes to.</summary>
public sealed record BatchItem(string Input, string Output)
{
    public string Name => Path.GetFileName(Input);
}

public enum BatchStatus { Done, Skipped, Failed, Cancelled }

/// <summary>What happened to one photo: shown as a row of the summary table.</summary>
public sealed record BatchResult(BatchItem Item, BatchStatus Status, TimeSpan Time, string Message);
