using Reserves.Actuarial.Tables;

namespace Reserves.Cli;

/// <summary>Where the CLI finds the mortality tables and the bundled samples.</summary>
public static class RepositoryPaths
{
    public static string? TableDirectory(string? option) =>
        TableDirectoryLocator.Locate(option, Environment.GetEnvironmentVariable(TableDirectoryLocator.EnvironmentVariable),
            Environment.CurrentDirectory, AppContext.BaseDirectory);

    /// <summary>The samples folder: beside the binary (copied at build) or in the repository.</summary>
    public static string Samples()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "samples");
        if (Directory.Exists(beside)) return beside;
        if (TableDirectoryLocator.RepositoryRoot(Environment.CurrentDirectory) is { } root) return Path.Combine(root, "samples");
        throw new DirectoryNotFoundException("samples folder not found beside the binary or in the repository");
    }
}
