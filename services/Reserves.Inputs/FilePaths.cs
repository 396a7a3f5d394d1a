namespace Reserves.Inputs;

/// <summary>Paths as the file system resolves them.</summary>
public static class FilePaths
{
    /// <summary>The absolute path with every link on the way followed (a linked directory as well as a linked
    /// file).</summary>
    /// <exception cref="IOException">A loop of links.</exception>
    public static string Real(string path) => Real(path, 0);

    private static string Real(string path, int depth)
    {
        if (depth > 32) throw new IOException("too many links");
        var full = Path.GetFullPath(path);
        var real = Path.GetPathRoot(full)!;
        foreach (var part in full[real.Length..].Split(Path.DirectorySeparatorChar,
            StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            var link = new FileInfo(next).LinkTarget;
            real = link is null ? next : Real(Path.Combine(real, link), depth + 1);
        }
        return Path.TrimEndingDirectorySeparator(real);
    }

    /// <summary>
    /// Where an open file really is: on Linux the kernel's name for the descriptor (/proc/self/fd), so that a path
    /// swapped for a link after it was checked is caught; elsewhere the path it was opened by, resolved.
    /// </summary>
    public static string OfOpenFile(FileStream file)
    {
        if (OperatingSystem.IsLinux())
        {
            var descriptor = file.SafeFileHandle.DangerousGetHandle().ToInt64();
            if (new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget is { } target) return target;
        }
        return Real(file.Name);
    }
}
