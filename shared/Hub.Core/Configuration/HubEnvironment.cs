namespace Hub.Core.Configuration;

/// <summary>Where the hub runs: decides what is allowed (e.g. http webhooks to loopback only locally).</summary>
public enum HubEnvironment
{
    /// <summary>On a developer machine against Azurite (<c>Hub__Environment=Local</c>).</summary>
    Local,

    /// <summary>In Azure (the default when the setting is absent).</summary>
    Azure,
}
