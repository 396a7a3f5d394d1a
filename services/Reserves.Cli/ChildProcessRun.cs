using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Reserves.Cli;

/// <summary>What one run of the command as its own process took: wall seconds, peak resident memory, exit code, stderr.</summary>
public sealed record ChildRunResult(double Seconds, long PeakWorkingSetBytes, int ExitCode, string Error);

/// <summary>
/// Runs this same command (`reserves ARGS`) as a child process, as an actuary runs it: a measurement of a valuation from
/// files that starts from nothing but the files, with the process's own start-up, compilation and memory. The peak is
/// the kernel's high-water mark of the child's resident set (VmHWM, read while it runs; on Linux getrusage's
/// maximum for terminated children settles it).
/// </summary>
public static class ChildProcessRun
{
    public static async Task<ChildRunResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = Self();
        foreach (var a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var childrenBefore = ChildrenMaxResidentBytes();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        long polled = 0;
        var status = $"/proc/{process.Id}/status";
        try
        {
            while (!process.HasExited)
            {
                cancellationToken.ThrowIfCancellationRequested();
                polled = Math.Max(polled, HighWaterMark(status));
                await Task.WhenAny(process.WaitForExitAsync(cancellationToken), Task.Delay(10, cancellationToken));
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await output;
        // The children's maximum covers this child exactly when it went above every earlier child.
        var children = ChildrenMaxResidentBytes();
        return new ChildRunResult(seconds, Math.Max(children > childrenBefore ? children : 0, polled), process.ExitCode, await error);
    }

    private static ProcessStartInfo Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        var start = new ProcessStartInfo(path);
        // Under the `dotnet` host the command is its first argument.
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") start.ArgumentList.Add(typeof(ChildProcessRun).Assembly.Location);
        return start;
    }

    private static long HighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResidentKilobytes;
        public long Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    private static long ChildrenMaxResidentBytes()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        const int children = -1;     // RUSAGE_CHILDREN
        return GetResourceUsage(children, out var usage) == 0 ? usage.MaxResidentKilobytes * 1024 : 0;
    }
}
