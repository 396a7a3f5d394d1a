# One multi-stage file for every Reserves service. Build a service's image by its stage name, for example
#   docker build --target orchestrator -t reserves/orchestrator:0.1.0 .
# Stages: orchestrator, crvm, avr, imr, worker (the batch fan-out Job), cli (db init, runs, health).
# Mortality tables are not in the image: mount them at /tables (RESERVES_TABLES).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Reserves.sln ./
COPY protos/ protos/
COPY services/ services/
RUN dotnet publish services/Reserves.Cli/Reserves.Cli.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV RESERVES_TABLES=/tables \
    DOTNET_gcServer=0 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The runtime image's unprivileged account (uid 1654); nothing here runs as root.
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/reserves.dll"]

FROM runtime AS orchestrator
EXPOSE 5100 11111
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "/app/reserves.dll", "health", "--address", "http://127.0.0.1:5100", "--service", "ready"]
CMD ["serve", "orchestrator", "--listen-any", "--port", "5100", "--silo-port", "11111"]

FROM runtime AS crvm
EXPOSE 5101
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["dotnet", "/app/reserves.dll", "health", "--address", "http://127.0.0.1:5101"]
CMD ["serve", "crvm", "--listen-any", "--port", "5101"]

FROM runtime AS avr
EXPOSE 5102
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["dotnet", "/app/reserves.dll", "health", "--address", "http://127.0.0.1:5102"]
CMD ["serve", "avr", "--listen-any", "--port", "5102"]

FROM runtime AS imr
EXPOSE 5103
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["dotnet", "/app/reserves.dll", "health", "--address", "http://127.0.0.1:5103"]
CMD ["serve", "imr", "--listen-any", "--port", "5103"]

FROM runtime AS worker
# A Job pod: no server, so no health check; the Job's completion is its health.
HEALTHCHECK NONE
CMD ["worker", "--help"]

FROM runtime AS cli
HEALTHCHECK NONE
CMD ["--help"]
