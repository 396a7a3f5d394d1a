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
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Reserves.sln"))) continue;
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "tables"));
                if (Directory.Exists(shared)) return shared;
                break;
            }
        }
        return null;
    }
}
