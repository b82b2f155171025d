namespace RetouchPlugins.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("RetouchPlugins benchmarks: see bench/README.md");
        return 0;
    }
}
