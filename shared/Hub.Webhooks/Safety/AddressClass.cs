using System.Net;
using System.Net.Sockets;

namespace Hub.Webhooks.Safety;

/// <summary>What kind of address an endpoint resolves to; only <see cref="Public"/> may be called outside local mode.</summary>
public enum AddressKind
{
    /// <summary>A globally routable unicast address.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>RFC 1918: 10/8, 172.16/12, 192.168/16.</summary>
    Private,

    /// <summary>169.254/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>fc00::/7 (and the deprecated site-local fec0::/10).</summary>
    UniqueLocal,

    /// <summary>100.64/10 (carrier-grade NAT, RFC 6598).</summary>
    SharedAddressSpace,

    /// <summary>0.0.0.0/8, ::.</summary>
    Unspecified,

    /// <summary>224/4, ff00::/8, 255.255.255.255.</summary>
    Multicast,

    /// <summary>Documentation, benchmarking, protocol-assignment and reserved ranges (never a real endpoint).</summary>
    Reserved,
}

/// <summary>
/// Classifies IP addresses (pure). IPv4-mapped (<c>::ffff:a.b.c.d</c>), NAT64 (<c>64:ff9b::/96</c>) and 6to4
/// (<c>2002::/16</c>) IPv6 addresses are classified by the IPv4 address they embed, so an attacker cannot
/// reach 127.0.0.1 or 10.0.0.1 by writing it in IPv6 form.
/// </summary>
public static class AddressClass
{
    /// <summary>The kind of <paramref name="address"/>.</summary>
    public static AddressKind Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork) return OfV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return AddressKind.Reserved;
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6) return OfV4(b[12..16]);
        if (b.AsSpan(0, 12).SequenceEqual(Nat64Prefix)) return OfV4(b[12..16]);
        if (b[0] == 0x20 && b[1] == 0x02) return OfV4(b[2..6]);
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressKind.Loopback;
        if (address.Equals(IPAddress.IPv6None)) return AddressKind.Unspecified;
        if (b[0] == 0xff) return AddressKind.Multicast;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressKind.LinkLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressKind.UniqueLocal;
        if ((b[0] & 0xfe) == 0xfc) return AddressKind.UniqueLocal;
        // 2001:db8::/32 documentation; 2001::/23 IETF protocol assignments (Teredo, ORCHID, …); 100::/64 discard;
        // ::/96 IPv4-compatible (deprecated); anything outside 2000::/3 is not global unicast.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return AddressKind.Reserved;
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02) return AddressKind.Reserved;
        if ((b[0] & 0xe0) != 0x20) return AddressKind.Reserved;
        return AddressKind.Public;
    }

    /// <summary>Whether an endpoint outside local mode may be called at this address.</summary>
    public static bool IsPublic(IPAddress address) => Of(address) == AddressKind.Public;

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private static AddressKind OfV4(byte[] a) => (a[0], a[1], a[2], a[3]) switch
    {
        (0, _, _, _) => AddressKind.Unspecified,
        (10, _, _, _) => AddressKind.Private,
        (100, >= 64 and <= 127, _, _) => AddressKind.SharedAddressSpace,
        (127, _, _, _) => AddressKind.Loopback,
        (169, 254, _, _) => AddressKind.LinkLocal,
        (172, >= 16 and <= 31, _, _) => AddressKind.Private,
        (192, 0, 0, _) => AddressKind.Reserved,   // IETF protocol assignments
        (192, 0, 2, _) => AddressKind.Reserved,   // TEST-NET-1
        (192, 88, 99, _) => AddressKind.Reserved, // deprecated 6to4 relay anycast
        (192, 168, _, _) => AddressKind.Private,
        (198, 18 or 19, _, _) => AddressKind.Reserved, // benchmarking
        (198, 51, 100, _) => AddressKind.Reserved, // TEST-NET-2
        (203, 0, 113, _) => AddressKind.Reserved,  // TEST-NET-3
        (255, 255, 255, 255) => AddressKind.Multicast, // limited broadcast
        ( >= 224 and <= 239, _, _, _) => AddressKind.Multicast,
        ( >= 240, _, _, _) => AddressKind.Reserved,
        _ => AddressKind.Public,
    };
}
