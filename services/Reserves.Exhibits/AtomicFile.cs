namespace Reserves.Exhibits;

/// <summary>
/// Writes a set of outputs whole or not at all: each file goes to a temporary name beside its target (the files in
/// parallel, so a writer may not depend on another); only when every file was written are they renamed into place,
/// the files they replace kept aside until all renames succeeded (and put back if one fails). An entry without a writer removes a stale output of the set (an optional file this run
/// does not produce).
/// </summary>
public static class AtomicFile
{
    public static void WriteAll(params (string Path, Action<Stream>? Write)[] files)
    {
        var temps = new List<(string? Temp, string Target)>();
        var moved = new List<(string Target, string? Backup, bool Created)>();
        try
        {
            foreach (var (path, write) in files)
            {
                var target = Path.GetFullPath(path);
                if (write is null) { temps.Add((null, target)); continue; }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                temps.Add((Sibling(target, "tmp"), target));
            }
            // The files are written (and flushed to disk) in parallel; the first failure, in the order given, is raised.
            var failures = new Exception?[files.Length];
            Parallel.For(0, files.Length, i =>
            {
                if (files[i].Write is not { } write) return;
                try
                {
                    using var stream = new FileStream(temps[i].Temp!, FileMode.CreateNew, FileAccess.Write);
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
            try
            {
                foreach (var (temp, target) in temps)
                {
                    string? backup = null;
                    if (File.Exists(target))
                    {
                        backup = Sibling(target, "old");
                        File.Move(target, backup);
                    }
                    moved.Add((target, backup, temp is not null));
                    if (temp is not null) File.Move(temp, target);
                }
            }
            catch
            {
                for (var i = moved.Count - 1; i >= 0; i--)
                {
                    var (target, backup, created) = moved[i];
                    if (created && File.Exists(target)) File.Delete(target);
                    if (backup is not null) File.Move(backup, target, overwrite: true);
                }
                moved.Clear();
                throw;
            }
            foreach (var (_, backup, _) in moved)
                if (backup is not null) File.Delete(backup);
        }
        finally
        {
            foreach (var (temp, _) in temps)
                if (temp is not null && File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.{kind}");
}
