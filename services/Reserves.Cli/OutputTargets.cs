using Reserves.Inputs;

namespace Reserves.Cli;

/// <summary>
/// Refuses outputs that would destroy an input or each other (docs/usage.md, "Outputs"): an output file may not be an
/// input file or another output; an output directory may not hold an input file directly (the set's files replace
/// what is there). Paths are compared after following every link on the way, so a linked name for the same file is
/// caught too (a hard link is not).
/// </summary>
public static class OutputTargets
{
    public const string Source = "command line";

    public static void Check(IEnumerable<(string Option, string? Path)> inputs, IEnumerable<(string Option,
        string? Path)> files,
        (string Option, string? Path)? directory = null)
    {
        var given = inputs.Where(i => !string.IsNullOrEmpty(i.Path)).Select(i => (i.Option,
            Full: Resolve(i.Path!))).ToList();
        var errors = new List<InputError>();
        var outputs = new List<(string Option, string Full)>();
        foreach (var (option, path) in files)
        {
            if (string.IsNullOrEmpty(path)) continue;
            var full = Resolve(path);
            foreach (var input in given.Where(i => i.Full == full))
                errors.Add(new InputError(Source, null, null, option,
                    $"{option} is the same file as {input.Option}: it would overwrite an input"));
            foreach (var other in outputs.Where(o => o.Full == full))
                errors.Add(new InputError(Source, null, null, option, $"{option} is the same file as {other.Option}"));
            outputs.Add((option, full));
        }
        if (directory is { Path: { Length: > 0 } dir } d)
        {
            var full = Resolve(dir);
            foreach (var input in given.Where(i => Path.GetDirectoryName(i.Full) == full || i.Full == full))
                errors.Add(new InputError(Source, null, null, d.Option,
                    $"{d.Option} holds the input of {input.Option}: write the outputs to another directory"));
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
    }

    // Every link on the way followed (hard links are not detected: they are the same file under two names).
    private static string Resolve(string path)
    {
        try
        {
            return FilePaths.Real(path);
        }
        catch (IOException)
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
    }
}
