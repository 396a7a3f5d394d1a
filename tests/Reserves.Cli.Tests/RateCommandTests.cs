namespace Reserves.Cli.Tests;

public class RateCommandTests
{
    [Theory]
    [InlineData("0.1371", "0.1371", null, "0.0725")]
    [InlineData("0.1371", "0.1371", "0.07", "0.07")]
    [InlineData("0.07", "0.075", null, "0.045")]
    public async Task PrintsTheMaximumValuationRate(string r12, string r36, string? prior, string expected)
    {
        string[] args = ["rate", "--issue-year", "2026", "--guarantee-years", r12 == "0.07" ? "30" : "10", "--moody-12", r12, "--moody-36", r36];
        if (prior is not null) args = [.. args, "--prior-rate", prior];
        var r = await ReservesProcess.RunAsync(Path.GetTempPath(), args);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(expected, r.Output.Trim());
    }

    [Fact]
    public async Task PercentagesInsteadOfDecimalsAreRefused()
    {
        var r = await ReservesProcess.RunAsync(Path.GetTempPath(), "rate", "--issue-year", "2026", "--guarantee-years", "10", "--moody-12", "13.71", "--moody-36", "13.71");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("decimal rate", r.Error);
    }
}
