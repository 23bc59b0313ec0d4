namespace Hub.Functions.Hosting;

/// <summary>Registers the app's functions and the services they use.</summary>
public static class ServiceRegistration
{
    /// <summary>Adds every function of the app.</summary>
    public static IServiceCollection AddHubFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Functions are registered here as the issues that own them land.
        return services;
    }
}
