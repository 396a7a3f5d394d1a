using System.Globalization;

namespace Reserves.Investments.Tests;

/// <summary>One printed line of the seed's AVR default component page: columns 1-10 as printed (null: blank or XXX).</summary>
public sealed record SeedAvrRow(string Line, string Designation, string Description, decimal?[] Columns, string[] Raw);

/// <summary>The AVR default component page of the 2012 separate-accounts statement in ../shared/seeds, parsed.</summary>
public static class SeedAvrPage
{
    public static readonly string SeedFile = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "seeds", "2012-annual-statement-separate-accounts.txt"));

    public static IReadOnlyList<SeedAvrRow> Rows { get; } = Parse();

    public static SeedAvrRow Row(string line) => Rows.Single(r => r.Line == line);

    private static List<SeedAvrRow> Parse()
    {
        var text = File.ReadAllLines(SeedFile);
        var start = Array.FindIndex(text, l => l.StartsWith("BASIC CONTRIBUTION, RESERVE OBJECTIVE AND MAXIMUM RESERVE CALCULATIONS", StringComparison.Ordinal));
        var end = Array.FindIndex(text, start, l => l.StartsWith("(a) Times", StringComparison.Ordinal));
        var rows = new List<SeedAvrRow>();
        for (var i = start; i < end; i++)
        {
            var cells = text[i].Split('\t');
            if (cells.Length < 13 || !cells[0].EndsWith('.') || !int.TryParse(cells[0][..^1], out _)) continue;
            var columns = cells.Skip(3).Take(10).Select(Amount).ToArray();
            rows.Add(new SeedAvrRow(cells[0][..^1], cells[1], cells[2], columns, cells.Skip(3).Take(10).ToArray()));
        }
        return rows;
    }

    private static decimal? Amount(string cell)
    {
        var c = cell.Replace(" (a)", "").Replace(" (b)", "").Replace(",", "").Trim();
        return decimal.TryParse(c, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Reserves.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
