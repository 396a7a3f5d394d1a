using System.Text.Json;

namespace Reserves.Exhibits;

/// <summary>
/// Writes a set of outputs whole or not at all: each file goes to a temporary name beside its target (the files in
/// parallel, so a writer may not depend on another); only when every file was written are they renamed into place,
/// the files they replace kept aside until all renames succeeded (and put back if one fails). An entry without a
/// writer removes a stale output of the set (an optional file this run does not produce).
/// Before the renames a journal is written beside the first output: a process that dies during them leaves it, and the
/// next write to the same directory (<see cref="Recover"/>) completes the set it records; leftover temporary files of
/// a set that never reached its journal are removed.
/// </summary>
public static class AtomicFile
{
    private const string JournalPrefix = ".reserves-journal-";

    /// <summary>Temporary and kept-aside files younger than this may belong to a writer still at work.</summary>
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(1);

    internal sealed record Entry(string? Temp, string Target, string Backup);

    public static void WriteAll(params (string Path, Action<Stream>? Write)[] files)
    {
        var entries = files.Select(f =>
        {
            var target = Path.GetFullPath(f.Path);
            return new Entry(f.Write is null ? null : Sibling(target, "tmp"), target, Sibling(target, "old"));
        }).ToList();
        foreach (var directory in entries.Select(e => Path.GetDirectoryName(e.Target)!).Distinct())
        {
            Directory.CreateDirectory(directory);
            Recover(directory);
        }
        string? journal = null;
        var moved = new List<(Entry Entry, bool KeptAside)>();
        try
        {
            // The files are written (and flushed to disk) in parallel; the first failure, in the order given, is raised.
            var failures = new Exception?[files.Length];
            Parallel.For(0, files.Length, i =>
            {
                if (files[i].Write is not { } write) return;
                try
                {
                    using var stream = new FileStream(entries[i].Temp!, FileMode.CreateNew, FileAccess.Write);
                    write(stream);
                    stream.Flush(true);
                }
                catch (Exception e)
                {
                    failures[i] = e;
                }
            });
            if (failures.FirstOrDefault(f => f is not null) is { } failure)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            journal = WriteJournal(Path.GetDirectoryName(entries[0].Target)!, entries);
            try
            {
                foreach (var entry in entries)
                {
                    var keptAside = File.Exists(entry.Target);
                    if (keptAside) File.Move(entry.Target, entry.Backup);
                    moved.Add((entry, keptAside));
                    if (entry.Temp is not null) File.Move(entry.Temp, entry.Target);
                }
            }
            catch
            {
                for (var i = moved.Count - 1; i >= 0; i--)
                {
                    var (entry, keptAside) = moved[i];
                    if (entry.Temp is not null && !File.Exists(entry.Temp) && File.Exists(entry.Target)) File.Delete(entry.Target);
                    if (keptAside) File.Move(entry.Backup, entry.Target, overwrite: true);
                }
                moved.Clear();
                throw;
            }
            foreach (var (entry, keptAside) in moved)
                if (keptAside) File.Delete(entry.Backup);
        }
        finally
        {
            foreach (var entry in entries)
                if (entry.Temp is not null && File.Exists(entry.Temp)) File.Delete(entry.Temp);
            if (journal is not null) File.Delete(journal);
        }
    }

    /// <summary>
    /// Completes the sets whose writer died during its renames (their journals are in this directory), then removes
    /// temporary and kept-aside files that no journal claims and no writer can still be using.
    /// </summary>
    public static void Recover(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var journal in Directory.EnumerateFiles(directory, JournalPrefix + "*.json"))
        {
            List<Entry>? entries;
            try
            {
                entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(journal));
            }
            catch (JsonException)
            {
                entries = null;  // a journal cut short: its set never began its renames (the journal is flushed first)
            }
            foreach (var entry in entries ?? [])
            {
                // Every temporary file was complete before the journal was written: roll forward.
                if (entry.Temp is not null && File.Exists(entry.Temp))
                {
                    if (File.Exists(entry.Target) && !File.Exists(entry.Backup)) File.Move(entry.Target, entry.Backup);
                    File.Move(entry.Temp, entry.Target, overwrite: true);
                }
                else if (entry.Temp is null && File.Exists(entry.Target) && !File.Exists(entry.Backup))
                {
                    File.Move(entry.Target, entry.Backup);
                }
                if (File.Exists(entry.Backup)) File.Delete(entry.Backup);
            }
            File.Delete(journal);
        }
        var now = DateTime.UtcNow;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles(".*"))
        {
            if (!IsLeftover(file.Name) || now - file.LastWriteTimeUtc < LeftoverAge) continue;
            try { file.Delete(); }
            catch (IOException) { /* the next write tries again */ }
        }
    }

    private static string WriteJournal(string directory, IReadOnlyList<Entry> entries)
    {
        var path = Path.Combine(directory, $"{JournalPrefix}{Guid.NewGuid():N}.json");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, entries);
            stream.Flush(true);
        }
        return path;
    }

    // .name.<32 hex>.tmp or .old, as Sibling makes them.
    private static bool IsLeftover(string name)
    {
        if (!(name.EndsWith(".tmp", StringComparison.Ordinal) || name.EndsWith(".old", StringComparison.Ordinal))) return false;
        var stem = name[..^4];
        var dot = stem.LastIndexOf('.');
        return dot > 0 && stem.Length - dot - 1 == 32 && stem[(dot + 1)..].All(char.IsAsciiHexDigitLower);
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.{kind}");

    /// <summary>For tests: the journal of a set as a writer leaves it just before its renames.</summary>
    internal static string JournalFor(IReadOnlyList<(string Temp, string Target)> files) =>
        WriteJournal(Path.GetDirectoryName(Path.GetFullPath(files[0].Target))!,
            files.Select(f => new Entry(Path.GetFullPath(f.Temp), Path.GetFullPath(f.Target), Sibling(Path.GetFullPath(f.Target), "old"))).ToList());
}
