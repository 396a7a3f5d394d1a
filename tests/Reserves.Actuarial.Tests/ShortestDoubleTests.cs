using System.Globalization;
using Reserves.Exhibits;

namespace Reserves.Actuarial.Tests;

/// <summary>
/// The Ryu formatter against .NET's own "R" text (shortest round-trip since .NET Core 3.0): byte for byte on random
/// bit patterns over every exponent, on the magnitudes reserves have, on values with few digits (the exact-tie paths),
/// and on the edges; every text reads back to the same double.
/// </summary>
public class ShortestDoubleTests
{
    private static void Same(double value)
    {
        var expected = value.ToString("R", CultureInfo.InvariantCulture);
        var actual = ShortestDouble.Format(value);
        var dotnetReadsBack = double.IsNaN(value) || double.Parse(expected, CultureInfo.InvariantCulture).Equals(value);
        if (!dotnetReadsBack)
        {
            // As short as the shortest correctly rounded text that reads back ("E" with p - 1 decimals is p digits).
            var shortest = Enumerable.Range(1, 17).First(p =>
                double.Parse(value.ToString("E" + (p - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Equals(value));
            Assert.Equal(shortest, actual.Replace("-", "").Split('E')[0].Replace(".", "").TrimStart('0').TrimEnd('0').Length);
        }
        else if (expected != actual)
            Assert.Fail($"0x{BitConverter.DoubleToUInt64Bits(value):X16}: .NET writes {expected}, ShortestDouble writes {actual}");
        if (!double.IsNaN(value)) Assert.Equal(BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(double.Parse(actual, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void RandomBitPatternsOverEveryExponent()
    {
        var random = new Random(20261201);
        Span<byte> bits = stackalloc byte[8];
        for (var n = 0; n < 400_000; n++)
        {
            random.NextBytes(bits);
            var value = BitConverter.ToDouble(bits);
            if (double.IsFinite(value)) Same(value);
        }
    }

    [Fact]
    public void ReserveMagnitudesAndShortDecimals()
    {
        var random = new Random(7);
        for (var n = 0; n < 400_000; n++)
        {
            var scale = Math.Pow(10, random.Next(-9, 17));
            var value = random.NextDouble() * scale;
            Same(value);
            Same(-value);
            // Few significant digits: cents, per-mille factors, whole dollars (where the digit removal meets exact ties).
            Same(Math.Round(value, random.Next(0, 8)));
            Same(Math.Round(random.NextDouble() * 1_000_000, 2));
            Same(random.Next() / 1000.0);
        }
    }

    [Fact]
    public void Edges()
    {
        double[] values =
        [
            0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 2.2250738585072014E-308, 2.2250738585072009E-308, 1.0, 0.1, 0.2, 0.3, 1.0 / 3,
            2.0 / 3, 5e-324, 9007199254740992, 9007199254740993, 1e15, 1e15 - 1, 999999999999999.9, 1e14, 1e-5, 1e-6,
            0.00001234, 0.000012345678901234567, 123456789012345.67, 1e21, 1e22, 1e23, 5e-5, 4.9999999999999996e-5,
            1.7976931348623157e308, 29.999999999999996, 0.30000000000000004, 100, 1000000, 1234567.89,
        ];
        foreach (var v in values) Same(v);
        for (var e = -1074; e <= 1023; e++) { Same(Math.ScaleB(1, e)); Same(Math.ScaleB(1, e) * 3); Same(BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(Math.ScaleB(1, e)) - 1)); }
        for (var e = -324; e <= 308; e++) { Same(Math.Pow(10, e)); Same(double.Parse($"1e{e}", CultureInfo.InvariantCulture)); Same(double.Parse($"9.999999999999999e{e}", CultureInfo.InvariantCulture)); }
        for (var i = 0; i < 100_000; i++) Same(i);
    }

    [Fact]
    public void PowersOfTwoWhereDotNetDoesNotReadBack()
    {
        Assert.Equal("2.9802322387695312E-08", ShortestDouble.Format(Math.ScaleB(1, -25)));
        Assert.Equal("4.1045368012983762E-289", ShortestDouble.Format(Math.ScaleB(1, -958)));
    }

    [Fact]
    public void AShortSpanIsRefusedWithNothingClaimed()
    {
        Span<byte> small = stackalloc byte[5];
        Assert.False(ShortestDouble.TryFormat(1234.5678, small, out var written));
        Assert.Equal(0, written);
        Span<byte> enough = stackalloc byte[6];
        Assert.True(ShortestDouble.TryFormat(1234.5, enough, out written));
        Assert.Equal("1234.5", System.Text.Encoding.ASCII.GetString(enough[..written]));
    }
}
