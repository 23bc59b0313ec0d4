using System.Text.Json.Nodes;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>The schema validator the catalog tests rely on: each keyword accepts what it should and refuses what it should.</summary>
public sealed class JsonSchemaSubsetTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        // type, including a list with null
        { """{"type":"string"}""", "\"a\"", true },
        { """{"type":"string"}""", "1", false },
        { """{"type":"string"}""", "null", false },
        { """{"type":["string","null"]}""", "null", true },
        { """{"type":["string","null"]}""", "\"a\"", true },
        { """{"type":["string","null"]}""", "false", false },
        { """{"type":"integer"}""", "3", true },
        { """{"type":"integer"}""", "3.5", false },
        { """{"type":"integer"}""", "\"3\"", false },
        { """{"type":"boolean"}""", "true", true },
        { """{"type":"boolean"}""", "\"true\"", false },
        { """{"type":"object"}""", "[]", false },
        { """{"type":"array"}""", "[]", true },
        { """{"type":"null"}""", "null", true },
        // enum, const
        { """{"enum":["postcard","a4"]}""", "\"postcard\"", true },
        { """{"enum":["card","a4"]}""", "\"postcard\"", false },
        { """{"const":false}""", "false", true },
        { """{"const":false}""", "true", false },
        { """{"const":"duplicate"}""", "\"completed\"", false },
        // string keywords; pattern and format apply to strings only
        { """{"pattern":"^S[0-9]{8}-[0-9a-f]{16}$"}""", "\"S20261121-60a9a010baec5978\"", true },
        { """{"pattern":"^S[0-9]{8}-[0-9a-f]{16}$"}""", "\"s7c1d2e3f4a5b6c7d8e9f0a1b\"", false },
        { """{"pattern":"^[0-9]$"}""", "\"٣\"", false },
        { """{"type":["string","null"],"pattern":"^x$"}""", "null", true },
        { """{"minLength":1}""", "\"\"", false },
        { """{"format":"date"}""", "\"2026-11-21\"", true },
        { """{"format":"date"}""", "\"2026-02-30\"", false },
        { """{"format":"date"}""", "\"2026/11/21\"", false },
        { """{"format":"date"}""", "\"2026-11-21T00:00:00Z\"", false },
        { """{"format":"date-time"}""", "\"2026-11-21T05:25:21.412Z\"", true },
        { """{"format":"date-time"}""", "\"2026-11-21T05:25:21+09:00\"", true },
        { """{"format":"date-time"}""", "\"2026-11-21\"", false },
        { """{"format":"date-time"}""", "\"2026-11-21 05:25:21Z\"", false },
        { """{"format":"uri"}""", "\"https://hubstorage.blob.core.windows.net/notices/a.pdf?sig=x\"", true },
        { """{"format":"uri"}""", "\"notices/E0001/a.pdf\"", false },
        // numbers and arrays
        { """{"minimum":1}""", "0", false },
        { """{"minimum":1}""", "1", true },
        { """{"items":{"type":"string"}}""", "[\"a\",\"b\"]", true },
        { """{"items":{"type":"string"}}""", "[\"a\",2]", false },
        { """{"minItems":1}""", "[]", false },
        { """{"maxItems":0}""", "[\"UNKNOWN_COLUMN\"]", false },
        // objects
        { """{"required":["a"]}""", """{"a":null}""", true },
        { """{"required":["a"]}""", """{"b":1}""", false },
        { """{"properties":{"a":{"type":"integer"}}}""", """{"a":"1"}""", false },
        { """{"properties":{"a":{"type":"integer"}},"additionalProperties":false}""", """{"a":1,"b":2}""", false },
        { """{"properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}""", """{"a":1,"b":"x"}""", true },
        { """{"properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}""", """{"a":1,"b":2}""", false },
        // combinators
        { """{"allOf":[{"type":"string"},{"pattern":"^a"}]}""", "\"b\"", false },
        { """{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "true", false },
        { """{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "1", true },
        { """{"not":{"required":["x"]}}""", """{"x":1}""", false },
        { """{"not":{"required":["x"]}}""", """{"y":1}""", true },
        { """{"if":{"properties":{"s":{"const":"duplicate"}}},"then":{"properties":{"d":{"type":"string"}}},"else":{"properties":{"d":{"type":"null"}}}}""", """{"s":"duplicate","d":"S1"}""", true },
        { """{"if":{"properties":{"s":{"const":"duplicate"}}},"then":{"properties":{"d":{"type":"string"}}},"else":{"properties":{"d":{"type":"null"}}}}""", """{"s":"duplicate","d":null}""", false },
        { """{"if":{"properties":{"s":{"const":"duplicate"}}},"then":{"properties":{"d":{"type":"string"}}},"else":{"properties":{"d":{"type":"null"}}}}""", """{"s":"completed","d":"S1"}""", false },
        { """{"if":{"properties":{"s":{"const":"duplicate"}}},"then":{"properties":{"d":{"type":"string"}}},"else":{"properties":{"d":{"type":"null"}}}}""", """{"s":"completed","d":null}""", true },
        // annotations are ignored
        { """{"type":"string","description":"d","title":"t"}""", "\"a\"", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_keyword_accepts_and_refuses_as_draft_07_says(string schema, string instance, bool valid)
    {
        var errors = Validator(schema, closed: false).Validate(JsonNode.Parse(instance), "#/schema");
        Assert.True(valid == (errors.Count == 0), $"{instance} against {schema}: {(errors.Count == 0 ? "valid" : string.Join("; ", errors))}");
    }

    [Fact]
    public void A_ref_is_followed_and_its_siblings_ignored()
    {
        var document = JsonNode.Parse("""
            {"defs":{"Id":{"type":"string","pattern":"^m[0-9a-f]{24}$"}},
             "schema":{"type":"object","properties":{"memberId":{"$ref":"#/defs/Id","pattern":"^x$"}}}}
            """)!;
        var validator = new JsonSchemaSubset(document, closedObjects: false);
        Assert.Empty(validator.Validate(JsonNode.Parse("""{"memberId":"m3f9a1c0b7e2d4a6f8c1b3e5d"}"""), "#/schema"));
        Assert.Single(validator.Validate(JsonNode.Parse("""{"memberId":"M000123"}"""), "#/schema"));
        Assert.Throws<InvalidOperationException>(() => validator.Validate(JsonNode.Parse("{}"), "#/defs/Missing"));
    }

    [Fact]
    public void Closed_objects_refuse_a_property_no_applicable_schema_declares()
    {
        var document = JsonNode.Parse("""
            {"Envelope":{"type":"object","required":["type","data"],"properties":{"type":{"type":"string"},"data":{"type":"object"}}},
             "Data":{"type":"object","required":["memberId"],"properties":{"memberId":{"type":"string"},"counts":{"type":"object","properties":{"rows":{"type":"integer"}}}},
                     "allOf":[{"if":{"properties":{"memberId":{"const":"x"}}},"then":{"required":["counts"]}}]},
             "Message":{"allOf":[{"$ref":"#/Envelope"},{"properties":{"type":{"const":"t"},"data":{"$ref":"#/Data"}}}]}}
            """)!;
        var closed = new JsonSchemaSubset(document, closedObjects: true);
        var open = new JsonSchemaSubset(document, closedObjects: false);
        var good = JsonNode.Parse("""{"type":"t","data":{"memberId":"m","counts":{"rows":1}}}""");
        Assert.Empty(closed.Validate(good, "#/Message"));

        // An undocumented field at each level: the envelope, the data, an object inside the data.
        foreach (var bad in new[]
                 {
                     """{"type":"t","data":{"memberId":"m"},"extra":1}""",
                     """{"type":"t","data":{"memberId":"m","fileName":"a.csv"}}""",
                     """{"type":"t","data":{"memberId":"m","counts":{"rows":1,"total":1}}}""",
                 })
        {
            var errors = closed.Validate(JsonNode.Parse(bad), "#/Message");
            Assert.True(errors.Count == 1 && errors[0].Contains("is not documented"), $"{bad}: {string.Join("; ", errors)}");
            Assert.Empty(open.Validate(JsonNode.Parse(bad), "#/Message"));
        }
        // The data schema's rules still apply through the allOf and the $ref.
        Assert.Single(closed.Validate(JsonNode.Parse("""{"type":"u","data":{"memberId":"m"}}"""), "#/Message"));
        Assert.Single(closed.Validate(JsonNode.Parse("""{"type":"t","data":{"memberId":"x"}}"""), "#/Message"));
        Assert.Single(closed.Validate(JsonNode.Parse("""{"data":{"memberId":"m"}}"""), "#/Message"));
    }

    [Theory]
    [InlineData("""{"type":"string","maxLength":3}""")]
    [InlineData("""{"oneOf":[{"type":"string"}]}""")]
    [InlineData("""{"format":"email"}""")]
    [InlineData("""{"type":"decimal"}""")]
    [InlineData("""{"properties":{"a":true}}""")]
    public void A_keyword_or_value_outside_the_subset_is_refused_rather_than_skipped(string schema)
    {
        var validator = Validator(schema, closed: true);
        Assert.Throws<NotSupportedException>(() => validator.Validate(JsonNode.Parse("""{"a":"x"}"""), "#/schema"));
    }

    private static JsonSchemaSubset Validator(string schema, bool closed) =>
        new(new JsonObject { ["schema"] = JsonNode.Parse(schema) }, closed);
}
