namespace Reserves.Inputs;

/// <summary>A line of an input file runs past <see cref="InputLimits.MaxLineCharacters"/>; the reading stops
/// there.</summary>
public sealed class LineTooLongException(int line) : IOException($"line {line} is longer than the limit")
{
    public int Line { get; } = line;
}

/// <summary>
/// A text reader that stops at the first line longer than <see cref="InputLimits.MaxLineCharacters"/>, before a CSV
/// parser buffers it: a line of 200 million commas is refused at its 65,537th character, not split into fields.
/// </summary>
public sealed class LineLimitedReader(TextReader inner) : TextReader
{
    private int _line = 1;
    private int _length;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0) Count((char)c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        foreach (var c in buffer[..read]) Count(c);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index,
        count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    private void Count(char c)
    {
        if (c == '\n')
        {
            _line++;
            _length = 0;
        }
        else if (++_length > InputLimits.MaxLineCharacters)
        {
            throw new LineTooLongException(_line);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
