using Grpc.Core;

namespace Reserves.Orchestrator.Front;

/// <summary>
/// Which server paths a run may name as inputs (docs/security.md, "Inputs by path"). A server started without an inputs
/// root takes uploads only; with one, only files under it (after following links), named in messages relative to it;
/// the embedded default, whose only caller is its own process, takes any path.
/// </summary>
public sealed class InputPaths
{
    private readonly string? _root;
    private readonly bool _any;

    private InputPaths(string? root, bool any)
    {
        _root = root is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _any = any;
    }

    /// <summary>No paths: uploads are the way in.</summary>
    public static InputPaths UploadsOnly { get; } = new(null, false);

    /// <summary>The embedded default: the caller is this process.</summary>
    public static InputPaths AnyPath { get; } = new(null, true);

    public static InputPaths Under(string root) => new(root, false);

    /// <summary>The file a request names, with the name to show for it; refused without saying whether it exists.</summary>
    public (string Path, string Shown) Resolve(string field, string requested)
    {
        if (_any) return (requested, System.IO.Path.GetFileName(requested));
        if (_root is null)
            throw Denied(field, "this server takes no inputs by path: upload the files (reserves run --upload), "
                + "or start the server with --inputs-root");
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, requested));
        if (!Inside(full)) throw Denied(field, "the path is outside the server's inputs root");
        // Links are followed before anything is looked up, so that whether a file exists outside the root never shows.
        string target;
        try
        {
            target = RealPath(full);
        }
        catch (IOException)
        {
            throw Denied(field, "the path's links cannot be followed");
        }
        if (!Inside(target)) throw Denied(field, "the path leads outside the server's inputs root");
        var shown = System.IO.Path.GetRelativePath(_root, full);
        if (!File.Exists(target)) throw new RpcException(new Status(StatusCode.NotFound, $"{field}: '{shown}' is not a file under the inputs root"));
        return (target, shown);
    }

    private bool Inside(string path) =>
        path.StartsWith(_root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || _root == "/";

    /// <summary>The path with every link on the way followed (a linked directory, not only a linked file).</summary>
    private static string RealPath(string path, int depth = 0)
    {
        if (depth > 32) throw new IOException("too many links");
        var full = System.IO.Path.GetFullPath(path);
        var real = System.IO.Path.GetPathRoot(full)!;
        foreach (var part in full[real.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = System.IO.Path.Combine(real, part);
            var info = new FileInfo(next);
            real = info.LinkTarget is null ? next : RealPath(System.IO.Path.Combine(real, info.LinkTarget), depth + 1);
        }
        return real;
    }

    private static RpcException Denied(string field, string message) => new(new Status(StatusCode.PermissionDenied, $"{field}: {message}"));
}
