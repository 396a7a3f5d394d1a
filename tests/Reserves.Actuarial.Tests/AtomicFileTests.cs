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
}
