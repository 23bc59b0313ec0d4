using Hub.LocalHost.Azurite;

namespace Hub.Integration.Tests.LocalHost;

/// <summary>Azurite access-log lines (as Azurite 3.35 prints them for our storage clients) sorted into request kinds.</summary>
public sealed class AzuriteRequestLogTests
{
    private static string Line(string request, int status = 200) => $"127.0.0.1 - - [21/Nov/2026:08:24:22 +0000] \"{request} HTTP/1.1\" {status} -";

    [Theory]
    [InlineData("POST /devstoreaccount1/Tables", "POST table Tables")]
    [InlineData("POST /devstoreaccount1/Members", "POST table Members insert")]
    [InlineData("GET /devstoreaccount1/Members(PartitionKey='p1',RowKey='member')", "GET table Members point")]
    [InlineData("PUT /devstoreaccount1/Members(PartitionKey='p%202',RowKey='r%27%27x')", "PUT table Members point")]
    [InlineData("DELETE /devstoreaccount1/Members(PartitionKey='p1',RowKey='op%3A1')", "DELETE table Members point")]
    [InlineData("GET /devstoreaccount1/Members?$filter=PartitionKey%20eq%20%27p1%27%20and%20RowKey%20ge%20%27a%27",
        "GET table Members query: PartitionKey eq '…' and RowKey ge '…'")]
    [InlineData("GET /devstoreaccount1/Members()?$filter=RowKey%20eq%20%27member%27&$top=1000", "GET table Members query: RowKey eq '…'")]
    [InlineData("GET /devstoreaccount1/Employers", "GET table Employers query: (all)")]
    [InlineData("POST /devstoreaccount1/$batch", "POST table $batch")]
    [InlineData("PUT /devstoreaccount1/work", "PUT queue work")]
    [InlineData("POST /devstoreaccount1/work/messages", "queue send work")]
    [InlineData("GET /devstoreaccount1/work/messages?numofmessages=16&visibilitytimeout=60", "queue receive work")]
    [InlineData("GET /devstoreaccount1/work/messages?peekonly=true&numofmessages=1", "queue peek work")]
    [InlineData("PUT /devstoreaccount1/work/messages/cdab427e-8711?popreceipt=MjFO&visibilitytimeout=0", "queue update (visibility) work")]
    [InlineData("DELETE /devstoreaccount1/work/messages/cdab427e-8711?popreceipt=MjFO", "queue delete work")]
    [InlineData("GET /devstoreaccount1/work?comp=metadata", "queue properties work")]
    [InlineData("PUT /devstoreaccount1/notices?restype=container", "PUT blob container notices")]
    [InlineData("GET /devstoreaccount1/notices?restype=container&comp=list", "GET blob container notices list")]
    [InlineData("PUT /devstoreaccount1/notices/E1/m1/n%201.pdf", "PUT blob notices")]
    [InlineData("PUT /devstoreaccount1/results/E1/s.json?comp=block&blockid=AAA", "PUT blob results?comp=block")]
    public void Requests_are_sorted_by_service_operation_and_resource_without_keys(string request, string kind) =>
        Assert.Equal(kind, AzuriteRequestLog.Kind(Line(request)));

    [Theory]
    [InlineData("Azurite Queue service is successfully listening at http://127.0.0.1:10001")]
    [InlineData("[hub] azurite-lokijs-fixes: LokiJS removes of 0 or 1 document and array updates no longer re-sort every index.")]
    [InlineData("")]
    public void Other_console_lines_are_not_requests(string line) => Assert.Null(AzuriteRequestLog.Kind(line));

    [Fact]
    public void Counts_are_kept_per_kind_most_frequent_first_and_reset_clears_them()
    {
        var log = new AzuriteRequestLog();
        Assert.True(log.Record(Line("POST /devstoreaccount1/work/messages")));
        Assert.True(log.Record(Line("POST /devstoreaccount1/work/messages")));
        Assert.True(log.Record(Line("GET /devstoreaccount1/Members(PartitionKey='a',RowKey='b')")));
        Assert.False(log.Record("Azurite Blob service is starting"));
        Assert.Equal(3, log.Total);
        Assert.Equal([("queue send work", 2L), ("GET table Members point", 1L)], log.Counts());
        log.Reset();
        Assert.Equal(0, log.Total);
        Assert.Empty(log.Counts());
    }
}
