using System.Globalization;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Reserves.Orchestrator.Storage;

/// <summary>
/// The Orleans membership table in PostgreSQL (cluster mode). Each silo incarnation is one row holding the serialized
/// entry and an integer etag; the cluster's version row carries the table version and its own etag. Inserts and updates
/// change a member and the version in one transaction and fail (return false) when either etag has moved, as the
/// membership protocol requires. I-am-alive is a separate column written without etag checks.
/// </summary>
public sealed class PostgresMembershipTable(NpgsqlDataSource dataSource, string clusterId, Serializer serializer) : IMembershipTable
{
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await ClusterDatabase.InitializeAsync(dataSource);
        if (!tryInitTableVersion) return;
        await using var command = dataSource.CreateCommand(
            "INSERT INTO cluster_version (cluster_id, version, etag) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new() { Value = clusterId });
        await command.ExecuteNonQueryAsync();
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM cluster_version WHERE cluster_id = $1");
        command.Parameters.Add(new() { Value = clusterId });
        await command.ExecuteNonQueryAsync();
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM cluster_member WHERE cluster_id = $1 AND status = $2 AND i_am_alive < $3");
        command.Parameters.Add(new() { Value = clusterId });
        command.Parameters.Add(new() { Value = (int)SiloStatus.Dead });
        command.Parameters.Add(new() { Value = beforeDate.UtcDateTime });
        await command.ExecuteNonQueryAsync();
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => Read(key.ToParsableString());

    public Task<MembershipTableData> ReadAll() => Read(null);

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await AdvanceVersion(connection, tableVersion)) return false;
        await using var insert = new NpgsqlCommand("""
            INSERT INTO cluster_member (cluster_id, address, status, i_am_alive, entry, etag) VALUES ($1, $2, $3, $4, $5, 1)
            ON CONFLICT DO NOTHING
            """, connection);
        AddMember(insert, entry);
        if (await insert.ExecuteNonQueryAsync() != 1) return false;
        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await AdvanceVersion(connection, tableVersion)) return false;
        await using var update = new NpgsqlCommand("""
            UPDATE cluster_member SET status = $3, i_am_alive = $4, entry = $5, etag = etag + 1
            WHERE cluster_id = $1 AND address = $2 AND etag = $6
            """, connection);
        AddMember(update, entry);
        update.Parameters.Add(new() { Value = ParseEtag(etag) });
        if (await update.ExecuteNonQueryAsync() != 1) return false;
        await transaction.CommitAsync();
        return true;
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        await using var command = dataSource.CreateCommand("UPDATE cluster_member SET i_am_alive = $3 WHERE cluster_id = $1 AND address = $2");
        command.Parameters.Add(new() { Value = clusterId });
        command.Parameters.Add(new() { Value = entry.SiloAddress.ToParsableString() });
        command.Parameters.Add(new() { Value = Utc(entry.IAmAliveTime) });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<MembershipTableData> Read(string? address)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        // One snapshot for the version and the members, as the protocol reads them atomically.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using var version = new NpgsqlCommand("SELECT version, etag FROM cluster_version WHERE cluster_id = $1", connection);
        version.Parameters.Add(new() { Value = clusterId });
        TableVersion tableVersion;
        await using (var reader = await version.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync()) return new MembershipTableData(new TableVersion(0, "0"));
            tableVersion = new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
        }
        await using var members = new NpgsqlCommand(
            "SELECT entry, etag, i_am_alive FROM cluster_member WHERE cluster_id = $1 AND ($2::text IS NULL OR address = $2)", connection);
        members.Parameters.Add(new() { Value = clusterId });
        members.Parameters.Add(new() { Value = (object?)address ?? DBNull.Value });
        var rows = new List<Tuple<MembershipEntry, string>>();
        await using (var reader = await members.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var entry = serializer.Deserialize<MembershipEntry>((byte[])reader[0]) ?? throw new InvalidDataException("empty membership entry");
                entry.IAmAliveTime = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
                rows.Add(Tuple.Create(entry, reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)));
            }
        }
        await transaction.CommitAsync();
        return new MembershipTableData(rows, tableVersion);
    }

    private async Task<bool> AdvanceVersion(NpgsqlConnection connection, TableVersion tableVersion)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE cluster_version SET version = $2, etag = etag + 1 WHERE cluster_id = $1 AND etag = $3", connection);
        command.Parameters.Add(new() { Value = clusterId });
        command.Parameters.Add(new() { Value = tableVersion.Version });
        command.Parameters.Add(new() { Value = ParseEtag(tableVersion.VersionEtag) });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private void AddMember(NpgsqlCommand command, MembershipEntry entry)
    {
        command.Parameters.Add(new() { Value = clusterId });
        command.Parameters.Add(new() { Value = entry.SiloAddress.ToParsableString() });
        command.Parameters.Add(new() { Value = (int)entry.Status });
        command.Parameters.Add(new() { Value = Utc(entry.IAmAliveTime) });
        command.Parameters.Add(new() { Value = serializer.SerializeToArray(entry) });
    }

    private static long ParseEtag(string? etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
