using Hub.Core.Auditing;
using Hub.Core.Configuration;
using Hub.Core.Employers;
using Hub.Core.Security;
using Hub.Core.Storage;
using Hub.Core.Time;

namespace Hub.Core;

/// <summary>
/// The hub's core services built from app settings: one composition root for the function handler
/// (registered in its DI container) and the CLI.
/// </summary>
public sealed class HubServices
{
    private readonly Lazy<MyNumberProtector> _protector;

    /// <summary>Builds the services from <paramref name="settings"/>.</summary>
    public HubServices(Settings settings, TimeProvider? time = null)
    {
        Settings = settings;
        Environment = Enum.TryParse<HubEnvironment>(settings.Get("Hub__Environment"), ignoreCase: true, out var env) ? env : HubEnvironment.Azure;
        Clock = HubClock.FromSettings(settings, time);
        Storage = HubStorage.FromSettings(settings);
        AccessLog = new AccessLog(Storage, Clock);
        AuditLog = new AuditLog(Storage, Clock);
        Employers = new EmployerRegistry(Storage, Clock);
        // Keys are only needed by steps that touch My Numbers; a CLI verb that does not should not require them.
        _protector = new Lazy<MyNumberProtector>(() => new MyNumberProtector(MyNumberKeyRing.FromSettings(settings), AccessLog));
    }

    /// <summary>App settings.</summary>
    public Settings Settings { get; }

    /// <summary>Local or Azure.</summary>
    public HubEnvironment Environment { get; }

    /// <summary>The clock (Japan dates; <c>Hub__Clock__AsOf</c> simulates a day).</summary>
    public HubClock Clock { get; }

    /// <summary>Tables and containers.</summary>
    public HubStorage Storage { get; }

    /// <summary>Record of My Number decryptions.</summary>
    public AccessLog AccessLog { get; }

    /// <summary>What happened to submissions and members.</summary>
    public AuditLog AuditLog { get; }

    /// <summary>Registered employers.</summary>
    public EmployerRegistry Employers { get; }

    /// <summary>My Number encryption and keyed hashing.</summary>
    public MyNumberProtector MyNumbers => _protector.Value;
}
