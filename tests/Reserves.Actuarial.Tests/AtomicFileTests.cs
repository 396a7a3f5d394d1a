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
        Assert.Equal(("new a", "new b", "c"), (File.ReadAllText(P("a.csv")), File.ReadAllText(P("b.csv")),
            File.ReadAllText(P("c.csv"))));
        Assert.Equal(["a.csv", "b.csv", "c.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LeftoversOfASetThatNeverReachedItsJournalAreRemovedOnceNoWriterCanOwnThem()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var stale = Path.Combine(dir, $".a.csv.{Guid.NewGuid():N}.tmp");
        var fresh = Path.Combine(dir, $".b.csv.{Guid.NewGuid():N}.tmp");
        var keptAside = Path.Combine(dir, $".c.csv.{Guid.NewGuid():N}.old");
        var unrelated = Path.Combine(dir, ".keep.tmp");
        foreach (var f in new[] { stale, fresh, keptAside, unrelated }) File.WriteAllText(f, "x");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        File.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddMinutes(-5));
        AtomicFile.WriteAll((Path.Combine(dir, "a.csv"), s => s.Write("a"u8)));
        Assert.False(File.Exists(stale) || File.Exists(keptAside));
        Assert.True(File.Exists(fresh)
            && File.Exists(unrelated));                       // may still be written; not ours
    }

    [Fact]
    public void AJournalNamingFilesElsewhereIsNotFollowed()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var victim = Path.Combine(Directory.CreateTempSubdirectory().FullName, "profile");
        File.WriteAllText(victim, "mine");
        var planted = Path.Combine(dir, "evil");
        File.WriteAllText(planted, "planted");
        AtomicFile.JournalFor([(planted,
            victim)]);                                         // a journal planted in an output directory
        AtomicFile.WriteAll((Path.Combine(dir, "a.csv"), s => s.Write("a"u8)));
        Assert.Equal("mine", File.ReadAllText(victim));
        Assert.Equal("planted", File.ReadAllText(planted));
        Assert.Empty(Directory.GetFiles(dir, ".reserves-journal-*"));
    }

    [Fact]
    public void AJournalHeldByALiveWriterIsLeftAlone()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        string P(string name) => Path.Combine(dir, name);
        File.WriteAllText(P("b.csv"), "old b");
        var tempB = P($".b.csv.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(tempB, "new b");
        var journal = AtomicFile.JournalFor([(tempB, P("b.csv"))]);
        using (new FileStream(journal, FileMode.Open, FileAccess.ReadWrite, FileShare.None))   // its writer is at work
        {
            AtomicFile.WriteAll((P("a.csv"), s => s.Write("a"u8)));
            Assert.Equal("old b", File.ReadAllText(P("b.csv")));
            Assert.True(File.Exists(tempB));
        }
        AtomicFile.Recover(dir);                                                             // the writer died
        Assert.Equal("new b", File.ReadAllText(P("b.csv")));
    }
}
