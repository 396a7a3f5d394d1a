namespace Reserves.Exhibits;

/// <summary>
/// Writes outputs whole or not at all: each file goes to a temporary name beside its target and is renamed into
/// place only after every file of the set was written.
/// </summary>
public static class AtomicFile
{
    public static void WriteAll(params (string Path, Action<Stream> Write)[] files)
    {
        var temps = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (path, write) in files)
            {
                var target = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
                temps.Add((temp, target));
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
                write(stream);
                stream.Flush(true);
            }
            foreach (var (temp, target) in temps) File.Move(temp, target, overwrite: true);
        }
        finally
        {
            foreach (var (temp, _) in temps)
                if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
