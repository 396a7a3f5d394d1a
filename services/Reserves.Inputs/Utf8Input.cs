using System.Text;
using System.Text.Unicode;

namespace Reserves.Inputs;

/// <summary>
/// Input files are UTF-8 (an optional byte-order mark is dropped): invalid bytes and NUL characters are refused with
/// their line and column rather than replaced, so that no cell is silently altered.
/// </summary>
public static class Utf8Input
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);

    /// <summary>The file's text, or a located error for its first invalid byte or NUL.</summary>
    public static string Decode(byte[] bytes, string source)
    {
        Check(bytes, source);
        var text = bytes.AsSpan();
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        return Strict.GetString(text);
    }

    /// <summary>Refuses invalid UTF-8 and NUL bytes, naming where the first one is.</summary>
    public static void Check(byte[] bytes, string source)
    {
        var span = bytes.AsSpan();
        var nul = span.IndexOf((byte)0);
        var valid = Utf8.IsValid(span);
        if (nul < 0 && valid) return;
        var invalidAt = valid ? -1 : FirstInvalid(span);
        var at = nul < 0 ? invalidAt : invalidAt < 0 ? nul : Math.Min(nul, invalidAt);
        var (line, column) = new TextPositions(bytes).At(at);
        var message = at == nul ? "a NUL character is not allowed in an input file"
            : $"byte 0x{bytes[at]:X2} is not valid UTF-8: input files must be UTF-8 text";
        throw new InvalidInputException(new InputError(source, line, column, "", message));
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var buffer = new char[64 * 1024];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[offset..], buffer, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status == System.Buffers.OperationStatus.Done) return -1;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall) return offset;
        }
    }
}
