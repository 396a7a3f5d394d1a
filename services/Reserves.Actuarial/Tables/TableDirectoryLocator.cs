namespace Reserves.Actuarial.Tables;

/// <summary>
/// Finds the mortality table directory: the explicit option, else the RESERVES_TABLES environment variable, else
/// ../shared/tables beside the repository root (the folder holding Reserves.sln), searched upward from the given
/// start directories.
/// </summary>
public static class TableDirectoryLocator
{
    public const string EnvironmentVariable = "RESERVES_TABLES";

    public static string? Locate(string? option, string? environmentValue, params string[] searchFrom)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        if (!string.IsNullOrWhiteSpace(environmentValue)) return Path.GetFullPath(environmentValue);
        foreach (var start in searchFrom)
        {
            if (RepositoryRoot(start) is not { } root) continue;
            var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "tables"));
            if (Directory.Exists(shared)) return shared;
        }
        return null;
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Reserves.sln, or null.</summary>
    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Reserves.sln"))) return dir.FullName;
        return null;
    }
}
