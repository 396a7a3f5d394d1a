using System.CommandLine;
using Npgsql;
using Reserves.Orchestrator.Storage;

namespace Reserves.Cli.Commands;

/// <summary>`reserves db init`: creates the cluster-mode schema in PostgreSQL (idempotent; silos also run it at startup).</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var init = new Command("init", "Create the cluster-mode tables (grain state, membership) in PostgreSQL; safe to repeat") { postgres };
        init.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(postgres) is not { } connection)
            {
                Console.Error.WriteLine("db init: --postgres (or RESERVES_POSTGRES) is required");
                return ExitCodes.BadInput;
            }
            try
            {
                await using var dataSource = NpgsqlDataSource.Create(connection);
                var before = await ClusterDatabase.InitializeAsync(dataSource, cancellationToken);
                Console.WriteLine(before == ClusterDatabase.SchemaVersion
                    ? $"schema version {before}: already up to date"
                    : $"schema version {ClusterDatabase.SchemaVersion} created (was {before})");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"db init: {e.Message}");
                return e is NpgsqlException ? ExitCodes.ServerUnavailable : ExitCodes.BadInput;
            }
        });
        return new Command("db", "Database commands for cluster mode") { init };
    }
}
