using System.Net;
using Hub.Webhooks.Safety;

namespace Hub.Integration.Tests.Webhooks;

public sealed class AddressClassTests
{
    [Theory]
    // IPv4 boundaries of every non-public range, and the public addresses just outside them.
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.255.255.255", AddressKind.Unspecified)]
    [InlineData("1.0.0.0", AddressKind.Public)]
    [InlineData("9.255.255.255", AddressKind.Public)]
    [InlineData("10.0.0.0", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("11.0.0.0", AddressKind.Public)]
    [InlineData("100.63.255.255", AddressKind.Public)]
    [InlineData("100.64.0.0", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("100.128.0.0", AddressKind.Public)]
    [InlineData("126.255.255.255", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("128.0.0.0", AddressKind.Public)]
    [InlineData("169.253.255.255", AddressKind.Public)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)] // cloud metadata endpoint
    [InlineData("169.255.0.0", AddressKind.Public)]
    [InlineData("172.15.255.255", AddressKind.Public)]
    [InlineData("172.16.0.0", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.0", AddressKind.Public)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("192.0.2.1", AddressKind.Reserved)]
    [InlineData("192.0.3.1", AddressKind.Public)]
    [InlineData("192.88.99.1", AddressKind.Reserved)]
    [InlineData("192.167.255.255", AddressKind.Public)]
    [InlineData("192.168.0.0", AddressKind.Private)]
    [InlineData("192.168.255.255", AddressKind.Private)]
    [InlineData("192.169.0.0", AddressKind.Public)]
    [InlineData("198.17.255.255", AddressKind.Public)]
    [InlineData("198.18.0.0", AddressKind.Reserved)]
    [InlineData("198.19.255.255", AddressKind.Reserved)]
    [InlineData("198.20.0.0", AddressKind.Public)]
    [InlineData("198.51.100.7", AddressKind.Reserved)]
    [InlineData("203.0.113.7", AddressKind.Reserved)]
    [InlineData("203.0.114.7", AddressKind.Public)]
    [InlineData("223.255.255.255", AddressKind.Public)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.255", AddressKind.Multicast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Multicast)]
    [InlineData("20.43.0.1", AddressKind.Public)]
    // IPv6
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf:ffff::1", AddressKind.LinkLocal)]
    [InlineData("fec0::1", AddressKind.UniqueLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd12:3456:789a::1", AddressKind.UniqueLocal)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("2001:0:4136:e378::1", AddressKind.Reserved)] // Teredo
    [InlineData("100::1", AddressKind.Reserved)]
    [InlineData("::7f00:1", AddressKind.Reserved)] // IPv4-compatible (deprecated)
    [InlineData("2404:6800:4004:80a::200e", AddressKind.Public)]
    [InlineData("2001:4860::8888", AddressKind.Public)]
    // IPv6 forms that embed an IPv4 address are judged by that address.
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::808:808", AddressKind.Public)]
    [InlineData("2002:c0a8:0101::1", AddressKind.Private)] // 6to4 of 192.168.1.1
    [InlineData("2002:0808:0808::1", AddressKind.Public)]
    public void Classifies(string address, AddressKind expected)
    {
        Assert.Equal(expected, AddressClass.Of(IPAddress.Parse(address)));
        Assert.Equal(expected == AddressKind.Public, AddressClass.IsPublic(IPAddress.Parse(address)));
    }
}
