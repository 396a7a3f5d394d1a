using System.CommandLine;
using System.Globalization;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Commands;

public static class CommonOptions
{
    public static Option<string?> Tables() => new("--tables")
    {
        Description = "Mortality table directory (soa/ and csv/ inside); default: RESERVES_TABLES, else ../shared/tables beside the repository",
    };

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = $"Cluster mode: PostgreSQL connection string (Npgsql), for membership and grain state (env {EnvironmentNames.Postgres})",
        DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.Postgres),
    };

    public static Option<string?> Server(string service) => new("--server")
    {
        Description = $"Compute through the {service} gRPC service at this address (http://host:port) instead of in-process",
    };

    public static Option<DateOnly> Date(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            result.AddError($"{name}: '{text}' is not a date (YYYY-MM-DD)");
            return default;
        },
    };

    public static Option<decimal> Rate(string name, string description, bool required = true) => new(name)
    {
        Description = description,
        Required = required,
    };

    /// <summary>Refuses a value outside min-max at parsing (exit 2, naming the option).</summary>
    public static Option<int> Within(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max) result.AddError($"{option.Name} {value} is outside {min:N0}-{max:N0}");
        });
        return option;
    }
}
