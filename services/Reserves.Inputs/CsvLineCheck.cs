namespace Reserves.Inputs;

/// <summary>
/// The checks a CSV record must pass before its cells are read (docs/file-formats.md, "CSV"): one record per line (a
/// quoted cell may not span lines, so an unclosed quote cannot swallow the rest of the file), a quote only around a
/// whole cell with doubled quotes inside, no NUL or replacement character (invalid UTF-8), at most
/// <see cref="InputLimits.MaxLineCharacters"/> characters a line.
/// </summary>
public static class CsvLineCheck
{
    /// <summary>
    /// The first problem of a record as the parser read it (raw text), with its 1-based cell and whether a quote was
    /// left open (the parser has then read on past the line), or null.
    /// </summary>
    public static (int Cell, string Message, bool Unclosed)? Check(ReadOnlySpan<char> raw)
    {
        if (raw.EndsWith("\r\n")) raw = raw[..^2];
        else if (raw.EndsWith("\n") || raw.EndsWith("\r")) raw = raw[..^1];
        if (raw.Length > InputLimits.MaxLineCharacters)
            return (1, $"the line is longer than {InputLimits.MaxLineCharacters:N0} characters", false);
        var cell = 1;
        var cellStart = 0;
        var quoted = false;
        var closed = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\0') return (cell, "a NUL character is not allowed", false);
            if (c == '\uFFFD') return (cell, "invalid UTF-8 (input files must be UTF-8 text)", false);
            if (quoted)
            {
                if (c is '\n' or '\r') return (cell, "a quoted cell is not closed on its line (an unclosed quote?)",
                    true);
                if (c != '"') continue;
                if (i + 1 < raw.Length && raw[i + 1] == '"') { i++; continue; }
                quoted = false;
                closed = true;
                continue;
            }
            switch (c)
            {
                case ',':
                    cell++;
                    cellStart = i + 1;
                    closed = false;
                    break;
                case '"' when i == cellStart: quoted = true; break;
                case '"':
                    return (cell,
                    "a quote inside a cell that does not start with one (quote the whole cell, doubling the "
                        + "quote)", false);
                case '\n' or '\r': return (cell, "a line break inside a record", false);
                default:
                    if (closed && c != ' ') return (cell, "text after the closing quote of a cell", false);
                    break;
            }
        }
        if (quoted) return (cell, "a quoted cell is not closed (an unclosed quote?)", true);
        return null;
    }
}
