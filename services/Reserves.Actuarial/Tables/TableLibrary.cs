using System.Collections.Concurrent;
using Reserves.Inputs;

namespace Reserves.Actuarial.Tables;

/// <summary>
/// Loads mortality tables by reference from a table directory (with soa/ and csv/ folders) and keeps them.
/// Safe for concurrent use.
/// </summary>
public sealed class TableLibrary(string? directory)
{
    private readonly ConcurrentDictionary<string, Lazy<MortalityTable>> _tables = new(StringComparer.Ordinal);

    /// <summary>The table directory, or null when none was found (only <c>sult</c> is then available).</summary>
    public string? Directory { get; } = directory;

    public IReadOnlyList<MortalityTable> Loaded =>
        _tables.Values.Where(l => l.IsValueCreated).Select(l => l.Value).OrderBy(t => t.Reference, StringComparer.Ordinal).ToList();

    /// <summary>Returns the table; throws <see cref="AssumptionMissingException"/> when it cannot be found.</summary>
    public MortalityTable Get(TableReference reference)
    {
        var lazy = _tables.GetOrAdd(reference.Text, _ => new Lazy<MortalityTable>(() => Load(reference)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<MortalityTable>>(reference.Text, lazy));
            throw;
        }
    }

    public MortalityTable Get(string reference) =>
        TableReference.TryParse(reference, out var parsed, out var error)
            ? Get(parsed)
            : throw new AssumptionMissingException(reference, error);

    /// <summary>References of every table the directory holds, without loading them.</summary>
    public IReadOnlyList<string> Available()
    {
        var refs = new List<string> { StandardUltimateLifeTable.Reference };
        if (Directory is null) return refs;
        var soa = Path.Combine(Directory, "soa");
        if (System.IO.Directory.Exists(soa))
            refs.AddRange(System.IO.Directory.EnumerateFiles(soa, "t*.xml")
                .Select(f => Path.GetFileNameWithoutExtension(f)[1..])
                .Where(id => id.All(char.IsAsciiDigit) && id.Length > 0)
                .OrderBy(int.Parse).Select(id => $"soa:{id}"));
        var csv = Path.Combine(Directory, "csv");
        if (System.IO.Directory.Exists(csv))
            foreach (var file in System.IO.Directory.EnumerateFiles(csv, "*.csv").Order(StringComparer.Ordinal))
                refs.AddRange(CsvTableReader.Columns(file).Select(c => $"csv:{Path.GetFileName(file)}#{c}"));
        return refs;
    }

    private MortalityTable Load(TableReference reference)
    {
        if (reference.Source == TableSource.StandardUltimate) return StandardUltimateLifeTable.Create();
        if (Directory is null)
            throw new AssumptionMissingException(reference.Text,
                $"table {reference} cannot be loaded: no table directory (give --tables or set RESERVES_TABLES)");
        var path = Path.Combine(Directory, reference.File);
        if (!File.Exists(path))
            throw new AssumptionMissingException(reference.Text,
                $"table {reference} not found: no file {reference.File} in the table directory");
        try
        {
            return reference.Source == TableSource.Soa
                ? XtbmlTableReader.Read(path, reference.Text)
                : CsvTableReader.Read(path, reference.Column, reference.Text)
                  ?? throw new AssumptionMissingException(reference.Text,
                      $"table {reference} not found: {reference.File} has no column '{reference.Column}'");
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException)
        {
            throw new AssumptionMissingException(reference.Text,
                $"table {reference} cannot be read: "
                    + $"{e.Message.Replace(path, reference.File, StringComparison.Ordinal)}");
        }
    }
}
