using Npgsql;

namespace Reserves.Orchestrator.Storage;

/// <summary>
/// The PostgreSQL schema of cluster mode: grain state, and the Orleans membership table (one version row per cluster,
/// one row per silo incarnation). <see cref="InitializeAsync"/> is idempotent and safe to run from several pods at once
/// (an advisory lock serializes them); `reserves db init` runs it, and so does every silo at startup.
/// </summary>
public static class ClusterDatabase
{
    /// <summary>Raised when the schema changes; recorded in reserves_schema.</summary>
    public const int SchemaVersion = 1;

    private const long InitLockKey = 0x5245_5345_5256_4553; // "RESERVES"

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reserves_schema (
            version INTEGER NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_id TEXT NOT NULL,
            state_name TEXT NOT NULL,
            version BIGINT NOT NULL,
            data BYTEA NOT NULL,
            PRIMARY KEY (grain_id, state_name));
        CREATE TABLE IF NOT EXISTS cluster_version (
            cluster_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            etag BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS cluster_member (
            cluster_id TEXT NOT NULL REFERENCES cluster_version (cluster_id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            status INTEGER NOT NULL,
            i_am_alive TIMESTAMPTZ NOT NULL,
            entry BYTEA NOT NULL,
            etag BIGINT NOT NULL,
            PRIMARY KEY (cluster_id, address));
        """;

    /// <summary>Creates the tables that are missing; returns the schema version found before (0: a new database).</summary>
    public static async Task<int> InitializeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // A current schema needs no DDL: a silo may run as a role without the right to create tables.
        if (await CurrentVersionAsync(connection, cancellationToken) is var current && current == SchemaVersion) return current;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({InitLockKey})", cancellationToken);
        await Execute(connection, Schema, cancellationToken);
        var found = await CurrentVersionAsync(connection, cancellationToken);
        if (found > SchemaVersion)
            throw new InvalidOperationException($"the database holds schema version {found}, newer than this software's {SchemaVersion}");
        if (found < SchemaVersion)
            await Execute(connection, $"INSERT INTO reserves_schema (version) VALUES ({SchemaVersion})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('reserves_schema') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!) return 0;
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM reserves_schema", connection);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
