using Npgsql;

namespace Reserves.Tests.Shared;

/// <summary>
/// The PostgreSQL server of the cluster tests: RESERVES_TEST_POSTGRES names it (.ci/postgres starts one and prints
/// its connection string). Each caller gets a database of its own. Without a server the test is skipped with the
/// reason printed, unless RESERVES_REQUIRE_POSTGRES=1 (as in CI), where it fails.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "RESERVES_TEST_POSTGRES";
    public const string RequireVariable = "RESERVES_REQUIRE_POSTGRES";

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            var reason = $"no PostgreSQL server: set {ServerVariable} (for example export {ServerVariable}=\"$(bash .ci/postgres)\")";
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1") throw new InvalidOperationException(reason);
            Assert.Skip(reason);
        }
        var name = $"reserves_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var dataSource = NpgsqlDataSource.Create(server))
        await using (var command = dataSource.CreateCommand($"CREATE DATABASE {name}"))
            await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
