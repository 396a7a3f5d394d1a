using System.Globalization;

namespace Reserves.Orchestrator;

/// <summary>A second process on a state directory that is in use (exit 1 from the CLI, naming the process).</summary>
public sealed class StateDirectoryInUseException(string message) : IOException(message);

/// <summary>
/// The orchestrator's state directory (grain state, uploads), held by one process at a time: a new one is created
/// readable by its owner only (0700); whatever directory it is, the uploads directory inside is 0700 and the grain
/// state 0600, so nothing in it is readable by others. It is locked for the life of the process (the process id
/// beside the lock).
/// The lock is the operating system's (released when the process ends, even by kill -9), not the file's existence.
/// </summary>
public sealed class StateDirectory : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly FileStream _lock;

    private StateDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    public string Uploads => System.IO.Path.Combine(Path, "uploads");

    public static StateDirectory Acquire(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        // An existing directory keeps its mode (it may be the caller's own: --state .), but not one others may write
        // to.
        if (!Directory.Exists(path)) CreatePrivate(path);
        else if (!OperatingSystem.IsWindows()
                 && (File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new IOException($"the state directory {System.IO.Path.GetFileName(path)} is writable by other "
                + "users: give --state a directory only you can write to");
        var lockPath = System.IO.Path.Combine(path, "lock");
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = ReadHolder(System.IO.Path.Combine(path, "lock.pid"));
            throw new StateDirectoryInUseException($"the state directory {System.IO.Path.GetFileName(path)} is in "
                + $"use by "
                + (holder is null ? "another process" : $"process {holder}")
                + ": wait for it to finish, or give this run another --state");
        }
        // The holder's id goes beside the lock: a locked file cannot be read by another process (.NET locks with
        // flock).
        var pidPath = System.IO.Path.Combine(path, "lock.pid");
        File.Delete(pidPath);                                                   // never written through a planted link
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var pid = new FileStream(pidPath, options))
            pid.Write(System.Text.Encoding.ASCII.GetBytes(
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        CreatePrivate(System.IO.Path.Combine(path, "uploads"));
        return new StateDirectory(path, lockFile);
    }

    /// <summary>A directory readable by its owner only (an existing one is narrowed to that).</summary>
    public static void CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }

    private static string? ReadHolder(string pidPath)
    {
        try
        {
            var line = File.ReadAllText(pidPath).Trim();
            return int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? line : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}
