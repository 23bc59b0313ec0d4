using Hub.Core;
using Hub.Core.Configuration;

namespace Hub.Functions.Hosting;

/// <summary>Registers the core services, every <see cref="IHubModule"/> and every <see cref="IHubFunction"/> of this assembly.</summary>
public static class ServiceRegistration
{
    /// <summary>Adds the app. App settings are environment variables (Azure app settings; the local host passes local.settings.json Values).</summary>
    public static IServiceCollection AddHubFunctions(this IServiceCollection services, Settings? settings = null)
    {
        settings ??= Settings.FromEnvironment();
        services.AddSingleton(settings);
        services.AddSingleton(sp => new HubServices(sp.GetRequiredService<Settings>()));
        var types = typeof(ServiceRegistration).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false }).ToList();
        foreach (var module in types.Where(t => typeof(IHubModule).IsAssignableFrom(t)))
            ((IHubModule)Activator.CreateInstance(module)!).Register(services);
        foreach (var function in types.Where(t => typeof(IHubFunction).IsAssignableFrom(t)))
            services.AddSingleton(typeof(IHubFunction), function);
        return services;
    }
}
