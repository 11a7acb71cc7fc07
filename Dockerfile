# RecoStreams app image. Needs no apt package: librdkafka and librocksdb come with the Confluent.Kafka
# (librdkafka.redist) and RocksDB NuGet packages, so the only network the build uses is the NuGet feed
# (pass a mirror with --build-arg NUGET_SOURCE=https://mirror/v3/index.json). The image runs as the
# base image's non-root `app` user and reports health through the service's own /health/live.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG NUGET_SOURCE=
WORKDIR /src
# Restore for the self-contained linux-x64 publish (runtime packs come from the feed too).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ ./src/
RUN dotnet restore src/QueryApi/RecoStreams.QueryApi.csproj -r linux-x64 -p:SelfContained=true ${NUGET_SOURCE:+--source "$NUGET_SOURCE"}
RUN dotnet publish src/QueryApi/RecoStreams.QueryApi.csproj -c Release -r linux-x64 --self-contained --no-restore -o /app \
    && mkdir -p /state

# runtime-deps carries what a self-contained .NET app needs (libc, ICU, OpenSSL, CA certificates) and a
# non-root user `app` ($APP_UID, 1654); the packaged native libraries need only libc.
FROM mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}
WORKDIR /app
COPY --from=build /app .
COPY --from=build --chown=1654:1654 /state /var/lib/recostreams
USER 1654
VOLUME /var/lib/recostreams
EXPOSE 8080
# No curl in runtime-deps: bash's /dev/tcp sends the probe; a 200 status line means live.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/RecoStreams.QueryApi"]
CMD ["run", "--data-dir", "/var/lib/recostreams", "--urls", "http://0.0.0.0:8080"]
