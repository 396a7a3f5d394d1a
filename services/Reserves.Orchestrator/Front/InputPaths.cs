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
        // The root as the file system resolves it: the files' real paths are compared with it.
        _root = root is null ? null : Reserves.Inputs.FilePaths.Real(root);
        _any = any;
    }

    /// <summary>No paths: uploads are the way in.</summary>
    public static InputPaths UploadsOnly { get; } = new(null, false);

    /// <summary>The embedded default: the caller is this process.</summary>
    public static InputPaths AnyPath { get; } = new(null, true);

    public static InputPaths Under(string root) => new(root, false);

    /// <summary>
    /// Reads the file a request names, with the name to show for it; refused without saying whether it exists. The file
    /// is opened once and the opened file's real place checked again, so a path swapped for a link meanwhile is caught.
    /// </summary>
    public (byte[] Bytes, string Shown) Read(string field, string requested)
    {
        var (path, shown) = Resolve(field, requested);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"{field}: '{shown}' is not a file"));
        }
        using var opened = file;
        if (!_any && !Inside(Reserves.Inputs.FilePaths.OfOpenFile(file)))
            throw Denied(field, "the path leads outside the server's inputs root");
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return (bytes, shown);
    }

    /// <summary>The file a request names, with the name to show for it; refused without saying whether it
    /// exists.</summary>
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
            target = Reserves.Inputs.FilePaths.Real(full);
        }
        catch (IOException)
        {
            throw Denied(field, "the path's links cannot be followed");
        }
        if (!Inside(target)) throw Denied(field, "the path leads outside the server's inputs root");
        var shown = System.IO.Path.GetRelativePath(_root, full);
        if (!File.Exists(target)) throw new RpcException(new Status(StatusCode.NotFound,
            $"{field}: '{shown}' is not a file under the inputs root"));
        return (target, shown);
    }

    private bool Inside(string path) =>
        path.StartsWith(_root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || _root == "/";

    private static RpcException Denied(string field, string message) => new(new Status(StatusCode.PermissionDenied,
        $"{field}: {message}"));
}
