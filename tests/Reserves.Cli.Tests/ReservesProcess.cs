using System.Diagnostics;
using Reserves.Actuarial.Tables;

namespace Reserves.Cli.Tests;

public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>Runs the built `reserves` command as a real process.</summary>
public static class ReservesProcess
{
    public static readonly string RepositoryRoot =
        TableDirectoryLocator.RepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
    public static readonly string TableDirectory =
        TableDirectoryLocator.Locate(null, Environment.GetEnvironmentVariable(TableDirectoryLocator.EnvironmentVariable), RepositoryRoot)
        ?? throw new InvalidOperationException("mortality tables not found");
    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    public static async Task<ProcessResult> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reserves.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[TableDirectoryLocator.EnvironmentVariable] = TableDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
