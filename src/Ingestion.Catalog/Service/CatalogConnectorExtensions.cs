using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>DI wiring of the Catalog Service connector.</summary>
public static class CatalogConnectorExtensions
{
    /// <summary>
    /// Registers the connector's hosted service when Catalog:ServiceUrl is configured; otherwise nothing.
    /// The cursor lives in <paramref name="dataDirectory"/> unless Catalog:CursorPath says otherwise.
    /// </summary>
    public static IServiceCollection AddCatalogConnector(this IServiceCollection services, IConfiguration configuration, string bootstrapServers, string dataDirectory)
    {
        var section = configuration.GetSection(CatalogConnectorOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(CatalogConnectorOptions.ServiceUrl)]))
        {
            return services;
        }

        services.Configure<CatalogConnectorOptions>(options =>
        {
            options.CursorPath = Path.Combine(dataDirectory, "catalog-connector.cursor.json");
            section.Bind(options);
        });
        services.AddHttpClient(nameof(CatalogServiceClient));
        services.AddSingleton(new CatalogKafkaTarget(bootstrapServers));
        services.AddHostedService<CatalogConnectorService>();
        return services;
    }
}
