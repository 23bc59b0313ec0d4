using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Functions.Protocol;

namespace Hub.Integration.Tests.Protocol;

/// <summary>The handler's encoder refuses outputs the host would mangle (the base64 gotcha).</summary>
public sealed class InvocationResultTests
{
    private static FunctionMetadata Function()
    {
        var dir = Directory.CreateTempSubdirectory("fn-").FullName;
        var file = Path.Combine(dir, "function.json");
        File.WriteAllText(file, """
            { "bindings": [
              { "name": "msg", "type": "serviceBusTrigger", "direction": "in", "queueName": "q" },
              { "name": "out", "type": "serviceBus", "direction": "out", "queueName": "o" },
              { "name": "report", "type": "blob", "direction": "out", "path": "r/{name}" },
              { "name": "raw", "type": "blob", "direction": "out", "path": "r/{name}.bin", "dataType": "binary" }
            ] }
            """);
        return FunctionMetadata.Load(file);
    }

    [Fact]
    public async Task Messages_become_a_json_array_and_the_envelope_has_the_host_field_names()
    {
        var result = new InvocationResult(Function()).SetMessages("out", new[] { new { a = 1 }, new { a = 2 } }).Log("done");
        var stream = new MemoryStream();
        await result.WriteAsync(stream, CancellationToken.None);
        var json = JsonNode.Parse(stream.ToArray())!.AsObject();
        Assert.Equal(2, json["Outputs"]!["out"]!.AsArray().Count);
        Assert.Equal("done", json["Logs"]![0]!.GetValue<string>());
        Assert.True(json.ContainsKey("ReturnValue"));
    }

    [Fact]
    public void Bare_strings_are_refused_and_blob_bytes_go_as_base64_to_a_non_binary_blob_binding()
    {
        var result = new InvocationResult(Function());
        Assert.Throws<InvalidOperationException>(() => result.SetOutput("report", "abcd")); // "abcd" is valid base64
        Assert.Throws<InvalidOperationException>(() => result.SetOutput("out", "123456789018"));
        result.SetBlobContent("report", "abcd"u8);
        Assert.Equal(Convert.ToBase64String("abcd"u8), result.Outputs["report"]!.GetValue<string>());
        Assert.Throws<InvalidOperationException>(() => result.SetBlobContent("raw", "x"u8)); // binary: base64 text would be written
        Assert.Throws<InvalidOperationException>(() => result.SetBlobContent("out", "x"u8));
    }

    [Fact]
    public void Unknown_or_input_bindings_are_refused()
    {
        var result = new InvocationResult(Function());
        Assert.Throws<InvalidOperationException>(() => result.SetOutput("nope", new { }));
        Assert.Throws<InvalidOperationException>(() => result.SetOutput("msg", new { }));
        Assert.Throws<InvalidOperationException>(() => result.SetMessages("report", new[] { new { } }));
    }
}
