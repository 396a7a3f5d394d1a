using System.Text;

namespace Reserves.Inputs;

/// <summary>Turns a byte offset in a UTF-8 file into its 1-based line and column (in characters).</summary>
public sealed class TextPositions
{
    private readonly List<long> _starts = [0];
    private readonly byte[] _bytes;

    public TextPositions(byte[] bytes)
    {
        _bytes = bytes;
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') _starts.Add(i + 1);
    }

    public (int Line, int Column) At(long offset)
    {
        offset = Math.Clamp(offset, 0, _bytes.Length);
        var index = _starts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        var start = _starts[index];
        var column = Encoding.UTF8.GetCharCount(_bytes, (int)start, (int)(offset - start)) + 1;
        return (index + 1, column);
    }
}
