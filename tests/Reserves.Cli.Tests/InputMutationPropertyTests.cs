using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Reserves.Inputs;
using Domain = Reserves.Investments.Imr;

namespace Reserves.Cli.Tests;

/// <summary>
/// Every input file type, mutated at random (bytes flipped, quotes, commas, line breaks, NUL and invalid UTF-8 put in,
/// ranges cut, lines repeated or swapped, files truncated, cells made huge), through the same job the CLI runs: the
/// outcome is a written result, or a refusal (bad input, exit 2; missing assumption, exit 3) whose every problem names
/// the file and its line or field, with nothing written. Never another exception (exit 1) and never a partial output.
/// Harmless mutations (CRLF line ends, a byte-order mark, a final newline) give byte-identical outputs.
/// </summary>
public class InputMutationPropertyTests
{
    private const int Cases = 100;

    private static string Sample(string name) => Path.Combine(ReservesProcess.Samples, name);

    private static readonly HashSet<string> InputNames = ["policies.csv", "bases.json", "holdings.csv",
        "avr-rollforward.json",
        "disposals.csv", "imr-prior.csv", "imr-liability-gains.csv"];

    private static readonly byte[] Nasty = [.. "\"\",\n\r\0=- x9."u8, 0xFF, 0xC3];

    /// <summary>One random mutation of a file's bytes.</summary>
    private static Gen<Func<byte[], byte[]>> Mutation() =>
        Gen.OneOf(
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 255)).Select(t => (Func<byte[], byte[]>)(b =>
            {
                var copy = b.ToArray();
                copy[t.Item1 % copy.Length] = (byte)t.Item2;
                return copy;
            })),
            Gen.Choose(0, int.MaxValue).Zip(Gen.Elements(Nasty)).Select(t => (Func<byte[], byte[]>)(b =>
                [.. b.Take(t.Item1 % b.Length), t.Item2, .. b.Skip(t.Item1 % b.Length)])),
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(1, 40)).Select(t => (Func<byte[], byte[]>)(b =>
                [.. b.Take(t.Item1 % b.Length), .. b.Skip(t.Item1 % b.Length + t.Item2)])),
            Gen.Choose(0, int.MaxValue).Select(n => (Func<byte[], byte[]>)(b => b.Take(n % b.Length).ToArray())),
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, int.MaxValue)).Select(t => (Func<byte[], byte[]>)(b =>
            {
                var lines = Encoding.UTF8.GetString(b).Split('\n').ToList();
                var (i, j) = (t.Item1 % lines.Count, t.Item2 % lines.Count);
                if (t.Item1 % 2 == 0) lines.Insert(j, lines[i]);
                else (lines[i], lines[j]) = (lines[j], lines[i]);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            })),
            Gen.Choose(0, int.MaxValue).Select(n => (Func<byte[], byte[]>)(b =>
                [.. b.Take(n % b.Length), .. Encoding.UTF8.GetBytes(new string('7', 300)), .. b.Skip(n % b.Length)])));

    private static readonly Func<byte[], byte[]>[] Harmless =
    [
        b => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b).ReplaceLineEndings("\r\n")),
        b => [0xEF, 0xBB, 0xBF, .. b],
        b => b.Length > 0 && b[^1] == (byte)'\n' ? b : [.. b, (byte)'\n'],
    ];

    /// <summary>Runs a job on a mutated copy of one of its inputs; returns the output directory's files, or null if
    /// refused.</summary>
    private delegate Task Job(string dir, string mutatedFile, string outDirectory);

    private static async Task<Dictionary<string, byte[]>?> Attempt(string sampleName, byte[] bytes, Job job)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var file = Path.Combine(dir, sampleName);
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
        var output = Path.Combine(dir, "out");
        try
        {
            await job(dir, file, output).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        catch (InvalidInputException e)
        {
            Assert.All(e.Errors, error =>
            {
                Assert.True(error.Line is not null || error.Field.Length > 0, $"unlocated: {error}");
                // A mutated file may make another input wrong (a basis renamed: the policies naming it); each names its
                // file.
                Assert.True(InputNames.Contains(error.Source) || error.Source.EndsWith("(shipped)",
                    StringComparison.Ordinal), $"source: {error}");
            });
            Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(),
                "partial output");
            return null;
        }
        catch (AssumptionMissingException)
        {
            Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(),
                "partial output");
            return null;
        }
        return Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f));
    }

    private static void Check(string sampleName, Job job)
    {
        var original = File.ReadAllBytes(Sample(sampleName));
        var expected = Attempt(sampleName, original, job).GetAwaiter().GetResult();
        Assert.NotNull(expected);
        foreach (var harmless in Harmless)
        {
            var result = Attempt(sampleName, harmless(original), job).GetAwaiter().GetResult();
            Assert.NotNull(result);
            Assert.Equal(expected.Keys.Order(), result.Keys.Order());
            foreach (var (name, content) in expected) Assert.True(content.AsSpan().SequenceEqual(result[name]), name);
        }
        Prop.ForAll(Mutation().ToArbitrary(), mutate =>
        {
            var result = Attempt(sampleName, mutate(original), job).GetAwaiter().GetResult();
            if (result is not null) Assert.Equal(expected.Keys.Order(), result.Keys.Order());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    private static Job Crvm(bool basesMutated) => async (_, file, output) =>
    {
        Directory.CreateDirectory(output);
        await CrvmJob.RunAsync(basesMutated ? Sample("policies.csv") : file, basesMutated ? file : Sample("bases.json"),
            new DateOnly(2012, 12, 31), ReservesProcess.TableDirectory, Path.Combine(output,
                "r.csv"), Path.Combine(output, "e.csv"), null);
    };

    private static ImrJobInput Imr(string disposals, string prior, string? liability) => new(disposals,
        new DateOnly(2012, 12, 31), prior,
        liability, Domain.AmortizationMethod.Seriatim, null, null, null,
        Domain.NegativeImrPresentation.NonadmittedAsset, null);

    [Fact]
    public void Policies() => Check("policies.csv", Crvm(basesMutated: false));

    [Fact]
    public void Bases() => Check("bases.json", Crvm(basesMutated: true));

    [Fact]
    public void Holdings() => Check("holdings.csv", (_, file, output) => AvrJob.RunAsync(file, 2012, null, null,
        Sample("avr-rollforward.json"), output, null));

    [Fact]
    public void RollForward() => Check("avr-rollforward.json", (_, file,
        output) => AvrJob.RunAsync(Sample("holdings.csv"), 2012, null, null, file, output, null));

    [Fact]
    public void Disposals() => Check("disposals.csv", (_, file, output) =>
        ImrJob.RunAsync(Imr(file, Sample("imr-prior.csv"), Sample("imr-liability-gains.csv")), output, null));

    [Fact]
    public void ImrPrior() => Check("imr-prior.csv", (_, file, output) =>
        ImrJob.RunAsync(Imr(Sample("disposals.csv"), file, Sample("imr-liability-gains.csv")), output, null));

    [Fact]
    public void LiabilityGains() => Check("imr-liability-gains.csv", (_, file, output) =>
        ImrJob.RunAsync(Imr(Sample("disposals.csv"), Sample("imr-prior.csv"), file), output, null));
}
