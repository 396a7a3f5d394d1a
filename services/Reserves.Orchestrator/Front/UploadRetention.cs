using Microsoft.Extensions.Hosting;

namespace Reserves.Orchestrator.Front;

/// <summary>
/// Uploads are kept for <see cref="Retention"/> after their last upload (docs/security.md, "Uploads"): a run reads its
/// uploads when it starts and keeps their content in its segments, so an older upload serves no run. Partial uploads
/// left by a crash are removed after an hour. Checked at start and every ten minutes.
/// </summary>
public sealed class UploadRetention(RunPlanner planner, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public static readonly TimeSpan PartialRetention = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            Sweep(planner.UploadDirectory, clock.GetUtcNow());
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the uploads past their retention; returns how many.</summary>
    public static int Sweep(string directory, DateTimeOffset now)
    {
        if (!Directory.Exists(directory)) return 0;
        var removed = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            var keep = file.Name.StartsWith(".upload-", StringComparison.Ordinal) ? PartialRetention : Retention;
            if (now - file.LastWriteTimeUtc <= keep) continue;
            try
            {
                file.Delete();
                removed++;
            }
            catch (IOException)
            {
                // In use or gone already: the next sweep sees it again.
            }
        }
        return removed;
    }
}
