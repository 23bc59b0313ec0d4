using System.Text;
using System.Text.Json.Nodes;
using Hub.Functions.Protocol;
using Hub.LocalHost.Protocol;

namespace Hub.Integration.Tests.Protocol;

/// <summary>
/// The handler's decoder against envelopes written by hand from the host's rules
/// (ScriptInvocationContextExtensions.GetHttpScriptInvocationContextValue + Newtonsoft), and round trips
/// through the local host's encoder.
/// </summary>
public sealed class EnvelopeDecodingTests
{
    private static Task<InvocationRequest> ReadAsync(string body, params string[] streamed) =>
        InvocationRequestReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), "F", "id-1", "4.1037.0",
            new InvocationRequestReader.ReaderOptions { StreamedBindings = streamed.ToHashSet() });

    [Fact]
    public async Task Hand_written_service_bus_envelope_decodes_to_typed_values()
    {
        const string body = """
            {"Data":{"msg":"\"{\\\"name\\\":\\\"協会 太郎\\\"}\""},
             "Metadata":{"DeliveryCount":"3","MessageId":"\"abc\"","SequenceNumber":"9007199254740993",
                         "EnqueuedTimeUtc":"2026-11-21T04:31:07","ApplicationProperties":{"k":"v"},
                         "sys":{"MethodName":"F","UtcNow":"2026-11-21T04:31:07.1234567Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}
            """;
        var request = await ReadAsync(body);
        Assert.Equal("{\"name\":\"協会 太郎\"}", request.Data("msg").AsString());
        Assert.Equal("協会 太郎", request.Data("msg").AsObject<JsonObject>()["name"]!.GetValue<string>());
        Assert.Equal(3, request.Metadata("DeliveryCount").AsInt32());
        Assert.Equal("abc", request.Metadata("MessageId").AsString());
        Assert.Equal(9007199254740993L, request.Metadata("SequenceNumber").AsInt64());
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 4, 31, 7, TimeSpan.Zero), request.Metadata("EnqueuedTimeUtc").AsDateTimeOffset());
        Assert.Equal("v", request.Metadata("ApplicationProperties").AsJsonObject().GetProperty("k").GetString());
        Assert.Equal("F", request.Sys.MethodName);
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), request.Sys.RandGuid);
        Assert.Null(request.TryMetadata("ContentType"));
    }

    [Fact]
    public async Task Booleans_and_binary_decode()
    {
        var request = await ReadAsync("""{"Data":{"b":"AAEC/w=="},"Metadata":{"IsPastDue":"true","Flag":"false"}}""");
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, request.Data("b").AsBytes());
        Assert.True(request.Metadata("IsPastDue").AsBoolean());
        Assert.False(request.Metadata("Flag").AsBoolean());
    }

    [Fact]
    public async Task A_single_encoded_string_is_refused_rather_than_guessed()
    {
        var request = await ReadAsync("""{"Data":{"msg":"abc"},"Metadata":{}}""");
        Assert.Throws<HostEncodingException>(() => request.Data("msg").AsString());
    }

    [Fact]
    public async Task Streamed_binding_is_skipped_unread_and_metadata_after_it_still_decodes()
    {
        var big = Convert.ToBase64String(new byte[2_000_000]);
        var request = await ReadAsync($$$"""{"Data":{"file":"{{{big}}}"},"Metadata":{"name":"\"a \\\"quoted\\\" name.csv\""}}""", "file");
        Assert.True(request.WasSkipped("file"));
        Assert.Throws<HostEncodingException>(() => request.Data("file"));
        Assert.Equal("a \"quoted\" name.csv", request.Metadata("name").AsString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"Data\":{\"x\":\"\\\"unterminated}")]
    [InlineData("[1,2]")]
    public async Task Malformed_envelopes_fail_clearly(string body)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync(body));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("協会 \"けんぽ\" \\ tab\t newline\n \u0001 \u2028 emoji 🏥")]
    public async Task Local_host_encoding_round_trips_through_the_decoder(string text)
    {
        var envelope = new InvocationEnvelope
        {
            TriggerName = "msg",
            TriggerValue = new HostInput.Text(text),
            Metadata =
            [
                new("Count", new HostInput.Integer(42)),
                new("When", new HostInput.Timestamp(new DateTime(2026, 11, 21, 4, 31, 7, 999, DateTimeKind.Utc))),
                new("Flag", new HostInput.Boolean(true)),
                new("Props", new HostInput.Object(new JsonObject { ["名前"] = text })),
                new("List", new HostInput.Array(new JsonArray(1, 2))),
                new("Nothing", null),
                new("BlobTrigger", new HostInput.Text("dropped")),
            ],
        };
        var stream = new MemoryStream();
        await envelope.WriteToAsync(stream, CancellationToken.None);
        var request = await InvocationRequestReader.ReadAsync(new MemoryStream(stream.ToArray()), "F", "id", null);

        Assert.Equal(text, request.Data("msg").AsString());
        Assert.Equal(42, request.Metadata("Count").AsInt32());
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 4, 31, 7, TimeSpan.Zero), request.Metadata("When").AsDateTimeOffset()); // second precision
        Assert.True(request.Metadata("Flag").AsBoolean());
        Assert.Equal(text, request.Metadata("Props").AsJsonObject().GetProperty("名前").GetString());
        Assert.Equal([1, 2], request.Metadata("List").AsObject<int[]>()); // arrays arrive as a string of JSON text
        Assert.Null(request.TryMetadata("Nothing"));
        Assert.Null(request.TryMetadata("BlobTrigger"));
    }

    [Fact]
    public void Newtonsoft_quoting_matches_its_escaping_rules()
    {
        Assert.Equal("\"a\\\"b\\\\c\"", NewtonsoftJson.Quote("a\"b\\c"));
        Assert.Equal("\"\\u0001\\u2028é協\"", NewtonsoftJson.Quote("\u0001\u2028é協"));
        Assert.Equal("\"\\b\\f\\n\\r\\t\"", NewtonsoftJson.Quote("\b\f\n\r\t"));
        Assert.Equal("2026-11-21T04:31:07", NewtonsoftJson.HostDateTime(new DateTime(2026, 11, 21, 4, 31, 7, 500, DateTimeKind.Utc)));
        Assert.Equal("2026-11-21T04:31:07.5Z", NewtonsoftJson.IsoUtc(new DateTime(2026, 11, 21, 4, 31, 7, 500, DateTimeKind.Utc)));
    }
}
