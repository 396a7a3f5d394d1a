using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Reserves.Orchestrator.Storage;

/// <summary>
/// Grain state in one relational table, in a local SQLite file (the embedded default) or in PostgreSQL (cluster mode):
/// one row per grain and state name, the state serialized with the Orleans serializer, an integer version as the ETag
/// so that a stale activation cannot overwrite newer state. The SQL is the same for both databases.
/// </summary>
public sealed class RelationalGrainStorage : IGrainStorage
{
    private readonly Func<Task<DbConnection>> _open;
    private readonly Serializer _serializer;
    // SQLite takes one writer at a time: this process's writes wait here, in turn, rather than in SQLite's busy
    // handler, which sleeps in growing steps (another process on the same file still waits there). Null for PostgreSQL.
    private readonly SemaphoreSlim? _oneWriter;

    private RelationalGrainStorage(Func<Task<DbConnection>> open, Serializer serializer, bool oneWriter)
    {
        _open = open;
        _serializer = serializer;
        _oneWriter = oneWriter ? new SemaphoreSlim(1, 1) : null;
    }

    public static RelationalGrainStorage Sqlite(string path, Serializer serializer)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            // Created owner-only before SQLite opens it (an empty file is an empty database): never readable by others.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            new FileStream(path, options).Dispose();
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        async Task<DbConnection> Open()
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            // WAL with synchronous=NORMAL: a commit is not flushed to disk one by one. A crash of the process loses
            // nothing; a power cut may lose the last commits (never consistency), and a run resumes from what is stored.
            await Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;");
            return connection;
        }
        using (var connection = Open().GetAwaiter().GetResult())
        {
            // An older database is narrowed too; SQLite gives the WAL files the database file's permissions.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path,
                UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Execute(connection, "PRAGMA journal_mode=WAL;").GetAwaiter().GetResult();
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS grain_state (
                    grain_id TEXT NOT NULL,
                    state_name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (grain_id, state_name));
                """).GetAwaiter().GetResult();
        }
        return new RelationalGrainStorage(Open, serializer, oneWriter: true);
    }

    /// <summary>PostgreSQL: the table is made by <see cref="ClusterDatabase.InitializeAsync"/> (`reserves db init`).</summary>
    public static RelationalGrainStorage Postgres(NpgsqlDataSource dataSource, Serializer serializer) =>
        new(async () => await dataSource.OpenConnectionAsync(), serializer, oneWriter: false);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _open();
        await using var command = Command(connection, "SELECT version, data FROM grain_state WHERE grain_id = @id AND state_name = @name",
            ("id", grainId.ToString()), ("name", stateName));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }
        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        grainState.State = _serializer.Deserialize<T>((byte[])reader[1]);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        await InTurn(() => WriteAsync(grainId, stateName, grainState, data, expected));
    }

    private async Task InTurn(Func<Task> write)
    {
        if (_oneWriter is not null) await _oneWriter.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _oneWriter?.Release();
        }
    }

    private async Task WriteAsync<T>(GrainId grainId, string stateName, IGrainState<T> grainState, byte[] data, long expected)
    {
        await using var connection = await _open();
        await using var command = expected == 0
            ? Command(connection, "INSERT INTO grain_state (grain_id, state_name, version, data) VALUES (@id, @name, 1, @data) ON CONFLICT DO NOTHING",
                ("id", grainId.ToString()), ("name", stateName), ("data", data))
            : Command(connection, "UPDATE grain_state SET version = version + 1, data = @data WHERE grain_id = @id AND state_name = @name AND version = @version",
                ("id", grainId.ToString()), ("name", stateName), ("data", data), ("version", expected));
        if (await command.ExecuteNonQueryAsync() != 1)
            throw new InconsistentStateException($"grain state of {grainId} ({stateName}) was changed by another activation", grainState.ETag, (string?)null);
        grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        InTurn(() => ClearAsync(stateName, grainId, grainState));

    private async Task ClearAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _open();
        await using var command = Command(connection, "DELETE FROM grain_state WHERE grain_id = @id AND state_name = @name",
            ("id", grainId.ToString()), ("name", stateName));
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
