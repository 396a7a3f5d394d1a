using System.Text.Json;

namespace Reserves.Exhibits;

/// <summary>
/// Writes a set of outputs whole or not at all: each file goes to a temporary name beside its target (the files in
/// parallel, so a writer may not depend on another); only when every file was written are they renamed into place,
/// the files they replace kept aside until all renames succeeded (and put back if one fails). An entry without a
/// writer removes a stale output of the set (an optional file this run does not produce).
/// Before the renames a journal is written in each directory of the set and held locked: a process that dies during
/// them leaves its journals unlocked, and the next write to the same directory (<see cref="Recover"/>) completes the
/// renames they record (only of files in that directory, named as this class names them); leftover temporary files
/// of a set that never reached its journal are removed while no writer holds a journal there.
/// </summary>
public static class AtomicFile
{
    private const string JournalPrefix = ".reserves-journal-";

    /// <summary>Temporary files younger than this may belong to a writer still writing them.</summary>
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
        var journals = new List<FileStream>();
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
            foreach (var group in entries.GroupBy(e => Path.GetDirectoryName(e.Target)!))
                journals.Add(WriteJournal(group.Key, group.ToList()));
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
                    if (entry.Temp is not null && !File.Exists(entry.Temp)
                        && File.Exists(entry.Target)) File.Delete(entry.Target);
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
            // Temporary files go before the journals are let go, so that no journal ever points at a set rolled back.
            foreach (var entry in entries)
                if (entry.Temp is not null && File.Exists(entry.Temp)) File.Delete(entry.Temp);
            foreach (var journal in journals)
            {
                File.Delete(journal.Name);
                journal.Dispose();
            }
        }
    }

    /// <summary>
    /// Completes the sets whose writer died during its renames (their journals are in this directory), then removes
    /// temporary and kept-aside files that no journal claims and no writer can still be using.
    /// </summary>
    public static void Recover(string directory)
    {
        if (!Directory.Exists(directory)) return;
        directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var writerAtWork = false;
        foreach (var path in Directory.EnumerateFiles(directory, JournalPrefix + "*.json"))
        {
            FileStream journal;
            try
            {
                journal = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                writerAtWork = true;  // its writer holds it: alive, mid-renames
                continue;
            }
            using (journal)
            {
                List<Entry>? entries;
                try
                {
                    entries = JsonSerializer.Deserialize<List<Entry>>(journal);
                }
                catch (JsonException)
                {
                    entries = null;  // cut short while being written: its set never began its renames
                }
                foreach (var entry in (entries ?? []).Where(e => Belongs(e, directory))) RollForward(entry);
                File.Delete(path);
            }
        }
        if (writerAtWork) return;
        var now = DateTime.UtcNow;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles(".*"))
        {
            // A kept-aside file exists only during renames, under a journal; a temporary one may still be written.
            if (!IsLeftover(file.Name) || (file.Name.EndsWith(".tmp", StringComparison.Ordinal)
                && now - file.LastWriteTimeUtc < LeftoverAge))
                continue;
            try { file.Delete(); }
            catch (IOException) { /* the next write tries again */ }
        }
    }

    // Every temporary file was complete before the journal was written: roll forward.
    private static void RollForward(Entry entry)
    {
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

    /// <summary>An entry a journal in this directory may act on: its files there, named as <see cref="Sibling"/> names
    /// them.</summary>
    private static bool Belongs(Entry entry, string directory)
    {
        bool Named(string? path, string kind) =>
            path is not null && Path.GetDirectoryName(path) == directory && IsLeftover(Path.GetFileName(path))
            && Path.GetFileName(path).StartsWith($".{Path.GetFileName(entry.Target)}.", StringComparison.Ordinal)
            && path.EndsWith(kind, StringComparison.Ordinal);
        return Path.GetDirectoryName(entry.Target) == directory && !Path.GetFileName(entry.Target).StartsWith('.')
            && (entry.Temp is null || Named(entry.Temp, ".tmp")) && Named(entry.Backup, ".old");
    }

    private static FileStream WriteJournal(string directory, IReadOnlyList<Entry> entries)
    {
        var path = Path.Combine(directory, $"{JournalPrefix}{Guid.NewGuid():N}.json");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        JsonSerializer.Serialize(stream, entries);
        stream.Flush(true);
        return stream;
    }

    // .name.<32 hex>.tmp or .old, as Sibling makes them.
    private static bool IsLeftover(string name)
    {
        if (!(name.EndsWith(".tmp", StringComparison.Ordinal) || name.EndsWith(".old",
            StringComparison.Ordinal))) return false;
        var stem = name[..^4];
        var dot = stem.LastIndexOf('.');
        return dot > 0 && stem.Length - dot - 1 == 32 && stem[(dot + 1)..].All(char.IsAsciiHexDigitLower);
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.{kind}");

    /// <summary>For tests: the journal of a set as a writer that died just before its renames leaves it
    /// (unlocked).</summary>
    internal static string JournalFor(IReadOnlyList<(string Temp, string Target)> files)
    {
        using var journal = WriteJournal(Path.GetDirectoryName(Path.GetFullPath(files[0].Target))!,
            files.Select(f => new Entry(Path.GetFullPath(f.Temp), Path.GetFullPath(f.Target),
                Sibling(Path.GetFullPath(f.Target), "old"))).ToList());
        return journal.Name;
    }
}
