using Reserves.Exhibits;

namespace Reserves.Actuarial.Tests;

public class AtomicFileTests
{
    [Fact]
    public void AFailingWriterLeavesEveryOutputAsItWas()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "a.csv"), "old a");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteAll(
            (Path.Combine(dir, "a.csv"), s => s.Write("new a"u8)),
            (Path.Combine(dir, "b.csv"), _ => throw new InvalidOperationException("disk full"))));
        Assert.Equal(["a.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal("old a", File.ReadAllText(Path.Combine(dir, "a.csv")));
    }

    [Fact]
    public void AnEntryWithoutAWriterRemovesAStaleOutput()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "stale.csv"), "from an earlier run");
        AtomicFile.WriteAll((Path.Combine(dir, "a.csv"), s => s.Write("a"u8)), (Path.Combine(dir, "stale.csv"), null));
        Assert.Equal(["a.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ASetWhoseWriterDiedDuringItsRenamesIsCompletedByTheNextWrite()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        string P(string name) => Path.Combine(dir, name);
        File.WriteAllText(P("a.csv"), "old a");
        File.WriteAllText(P("b.csv"), "old b");
        var tempA = P($".a.csv.{Guid.NewGuid():N}.tmp");
        var tempB = P($".b.csv.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(tempA, "new a");
        File.WriteAllText(tempB, "new b");
        AtomicFile.JournalFor([(tempA, P("a.csv")), (tempB, P("b.csv"))]);
        File.Move(tempA, P("a.csv"), overwrite: true);                   // the first rename, then the process died

        AtomicFile.WriteAll((P("c.csv"), s => s.Write("c"u8)));          // the next command on the directory
        Assert.Equal(("new a", "new b", "c"), (File.ReadAllText(P("a.csv")), File.ReadAllText(P("b.csv")), File.ReadAllText(P("c.csv"))));
        Assert.Equal(["a.csv", "b.csv", "c.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LeftoversOfASetThatNeverReachedItsJournalAreRemovedOnceNoWriterCanOwnThem()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var stale = Path.Combine(dir, $".a.csv.{Guid.NewGuid():N}.tmp");
        var fresh = Path.Combine(dir, $".b.csv.{Guid.NewGuid():N}.old");
        var unrelated = Path.Combine(dir, ".keep.tmp");
        foreach (var f in new[] { stale, fresh, unrelated }) File.WriteAllText(f, "x");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddMinutes(-5));
        AtomicFile.WriteAll((Path.Combine(dir, "a.csv"), s => s.Write("a"u8)));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh) && File.Exists(unrelated));
    }
}
