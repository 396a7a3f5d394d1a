using Reserves.Actuarial.Tables;

namespace Reserves.Actuarial.Tests;

/// <summary>The shared SOA and CSV tables (../shared/tables beside the repository, or RESERVES_TABLES).</summary>
public static class TestTables
{
    public static readonly string Directory =
        TableDirectoryLocator.Locate(null, Environment.GetEnvironmentVariable(TableDirectoryLocator.EnvironmentVariable), AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("mortality tables not found: put the shared folder beside the repository or set RESERVES_TABLES");

    public static readonly TableLibrary Library = new(Directory);
}
