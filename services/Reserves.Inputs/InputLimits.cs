namespace Reserves.Inputs;

/// <summary>
/// The documented limits of every input file (docs/file-formats.md, "Limits"). They keep a malformed or hostile file
/// from hanging a run or overflowing a total: with every amount within <see cref="MaxAmount"/> and no file beyond the
/// 4 GiB upload cap (at most about 10^9 rows), no sum of amounts can come near the decimal range (about 7.9 x 10^28).
/// </summary>
public static class InputLimits
{
    /// <summary>The most characters a CSV cell, an identifier or a label may hold.</summary>
    public const int MaxCellCharacters = 256;

    /// <summary>The most characters a JSON string may hold (a factor set's line descriptions are long).</summary>
    public const int MaxJsonStringCharacters = 4 * 1024;

    /// <summary>The most characters a CSV line may hold.</summary>
    public const int MaxLineCharacters = 64 * 1024;

    /// <summary>The largest magnitude of an amount (face, premium, book value, proceeds, gain, reserve):
    /// 10^15.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary><see cref="MaxAmount"/> as a double, for amounts held as doubles (face amounts, gross
    /// premiums).</summary>
    public const double MaxAmountDouble = 1e15;

    /// <summary>The message for an amount beyond <see cref="MaxAmount"/>.</summary>
    public static string AmountOutOfRange(string text) =>
        $"'{Shorten(text)}' is beyond the accepted range of amounts (at most 1,000,000,000,000,000 in magnitude)";

    /// <summary>A cell quoted in a message: at most 40 characters, so that a huge cell does not flood the
    /// report.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..37]}...";
}
