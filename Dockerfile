# RecoStreams app image. Self-contained publish on Debian 12, whose librdkafka (2.0.2) and
# librocksdb (7.8) are the native libraries the project is built and tested against.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/QueryApi/RecoStreams.QueryApi.csproj -c Release -r linux-x64 --self-contained -o /app

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka1 librocksdb7.8 ca-certificates libicu72 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
VOLUME /var/lib/recostreams
EXPOSE 8080
ENTRYPOINT ["/app/RecoStreams.QueryApi"]
CMD ["run", "--data-dir", "/var/lib/recostreams", "--urls", "http://0.0.0.0:8080"]
