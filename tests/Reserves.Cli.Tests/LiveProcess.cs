using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reserves.Cli.Tests;

/// <summary>A `reserves` process left running (a service, or a run to interrupt), its output lines collected as they come.</summary>
public sealed class LiveProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    public List<string> Output { get; } = [];

    public LiveProcess(string workingDirectory, params string[] args) : this(workingDirectory, new Dictionary<string, string>(), args) { }

    public LiveProcess(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reserves.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[Actuarial.Tables.TableDirectoryLocator.EnvironmentVariable] = ReservesProcess.TableDirectory;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (Output) Output.Add(e.Data); _lines.Add(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits for an output line containing <paramref name="text"/> and returns it.</summary>
    public string WaitFor(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)) && line.Contains(text, StringComparison.Ordinal)) return line;
            if (_process.HasExited && _lines.Count == 0)
                throw new InvalidOperationException($"the process exited ({_process.ExitCode}) before printing '{text}':\n{string.Join("\n", Output)}");
        }
        throw new TimeoutException($"no line with '{text}' within {timeout}:\n{string.Join("\n", Output)}");
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"the process did not end within {timeout}:\n{Text}"); }
        return _process.ExitCode;
    }

    public string Text { get { lock (Output) return string.Join("\n", Output); } }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
