using System.Globalization;
using Reserves.Inputs;

namespace Reserves.ServiceHosting;

/// <summary>
/// Parses the text fields of a request (decimal strings, dates) and records a problem naming the field instead of
/// throwing, so that one call reports every bad field.
/// </summary>
public sealed class RequestFields(string collection = "")
{
    public const string Source = "request";

    public List<InputError> Errors { get; } = [];

    public void Error(string field, string message, int? index = null) =>
        Errors.Add(new InputError(Source, null, null, field, message, index, index is null ? null : collection));

    public void ThrowIfAny()
    {
        if (Errors.Count > 0) throw new InvalidInputException(Errors);
    }

    /// <summary>A decimal string; empty is <paramref name="whenEmpty"/> (null: required).</summary>
    public decimal Amount(string text, string field, int? index = null, decimal? whenEmpty = 0m)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (whenEmpty is { } empty) return empty;
            Error(field, $"{field} is required", index);
            return 0m;
        }
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var v)
            && Math.Abs(v) <= Inputs.InputLimits.MaxAmount) return v;
        Error(field, v != 0 || text.TrimStart('-', '+').All(c => char.IsAsciiDigit(c) || c == '.')
            && text.Any(char.IsAsciiDigit)
            ? Inputs.InputLimits.AmountOutOfRange(text) : $"'{Inputs.InputLimits.Shorten(text)}' is not a decimal "
                + $"amount", index);
        return 0m;
    }

    public decimal? OptionalAmount(string text, string field, int? index = null) =>
        string.IsNullOrWhiteSpace(text) ? null : Amount(text, field, index);

    public DateOnly Date(string text, string field, int? index = null)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(field, $"'{text}' is not a date (YYYY-MM-DD)", index);
        return default;
    }

    public DateOnly? OptionalDate(string text, string field, int? index = null) =>
        string.IsNullOrWhiteSpace(text) ? null : Date(text, field, index);

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
    public static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Text(DateOnly? value) => value is { } d ? Text(d) : "";
}
