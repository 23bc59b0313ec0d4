using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>
/// A validator for the part of JSON Schema (draft-07) that docs/asyncapi.json uses — no validator package restores
/// here. A schema keyword outside that part is refused (<see cref="NotSupportedException"/>), so nothing in the
/// document is silently skipped. With <c>closedObjects</c>, an object property that no applicable schema declares is an
/// error, as if every schema with <c>properties</c> said <c>additionalProperties: false</c>: the document may stay
/// open for receivers (new optional fields may come) while the hub's own payloads must not carry undocumented fields.
/// </summary>
internal sealed class JsonSchemaSubset(JsonNode document, bool closedObjects)
{
    /// <summary>Keywords that only annotate.</summary>
    private static readonly HashSet<string> Annotations = ["description", "title", "examples", "default", "$comment"];

    /// <summary>Keywords that are checked.</summary>
    private static readonly HashSet<string> Assertions =
    [
        "$ref", "type", "enum", "const", "pattern", "format", "minimum", "minLength", "minItems", "maxItems",
        "required", "properties", "additionalProperties", "items", "allOf", "anyOf", "not", "if", "then", "else",
    ];

    private static readonly HashSet<string> Types = ["null", "string", "boolean", "number", "integer", "object", "array"];

    private static readonly HashSet<string> Formats = ["date", "date-time", "uri"];

    /// <summary>The problems of <paramref name="instance"/> against the schema at <paramref name="pointer"/> (<c>#/components/schemas/X</c>); empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance, string pointer)
    {
        var errors = new List<string>();
        Check(instance, Resolve(pointer), "$", errors, closeHere: true);
        return errors;
    }

    /// <summary>The node at a local JSON pointer (<c>#/a/b</c>).</summary>
    public JsonNode Resolve(string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"Only local $ref pointers are supported: '{pointer}'.");
        var node = document;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) && next is not null
                ? next
                : throw new InvalidOperationException($"$ref '{pointer}' points at nothing ('{part}' is missing).");
        }
        return node;
    }

    private void Check(JsonNode? instance, JsonNode schemaNode, string path, List<string> errors, bool closeHere)
    {
        if (schemaNode is not JsonObject schema) throw new NotSupportedException($"A schema must be an object (at {path}): {schemaNode.ToJsonString()}");
        foreach (var (keyword, _) in schema)
            if (!Annotations.Contains(keyword) && !Assertions.Contains(keyword))
                throw new NotSupportedException($"Schema keyword '{keyword}' is not supported by this validator (at {path}).");
        if (schema["format"] is { } f && !Formats.Contains(f.GetValue<string>()))
            throw new NotSupportedException($"Format '{f}' is not supported by this validator (at {path}).");
        if (schema["type"] is { } t && (t is JsonArray list ? list.Select(x => x!.GetValue<string>()) : [t.GetValue<string>()]).FirstOrDefault(n => !Types.Contains(n)) is { } unknown)
            throw new NotSupportedException($"Type '{unknown}' is not supported by this validator (at {path}).");

        if (schema["$ref"] is { } reference)
        {
            // Draft-07: a $ref replaces its siblings.
            Check(instance, Resolve(reference.GetValue<string>()), path, errors, closeHere);
            return;
        }

        if (schema["type"] is { } type && !TypeMatches(instance, type))
        {
            errors.Add($"{path}: expected {type.ToJsonString()}, got {Describe(instance)}");
            return; // the other keywords would only repeat the problem
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, instance)))
            errors.Add($"{path}: {Describe(instance)} is not one of {options.ToJsonString()}");
        if (schema.TryGetPropertyValue("const", out var constant) && !JsonNode.DeepEquals(constant, instance))
            errors.Add($"{path}: {Describe(instance)} is not {constant?.ToJsonString() ?? "null"}");

        switch (instance)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (schema["minimum"] is { } minimum && value.GetValue<decimal>() < minimum.GetValue<decimal>())
                    errors.Add($"{path}: {value.ToJsonString()} is below the minimum {minimum.ToJsonString()}");
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonObject obj:
                CheckObject(obj, schema, path, errors, closeHere);
                break;
        }

        if (schema["allOf"] is JsonArray all)
            foreach (var sub in all)
                Check(instance, sub!, path, errors, closeHere: false);
        if (schema["anyOf"] is JsonArray any && !any.Any(sub => Passes(instance, sub!, path)))
            errors.Add($"{path}: matches none of anyOf {any.ToJsonString()}");
        if (schema["not"] is { } not && Passes(instance, not, path))
            errors.Add($"{path}: must not match {not.ToJsonString()}");
        if (schema["if"] is { } condition)
        {
            var branch = Passes(instance, condition, path) ? schema["then"] : schema["else"];
            if (branch is not null) Check(instance, branch, path, errors, closeHere: false);
        }
    }

    private bool Passes(JsonNode? instance, JsonNode schema, string path)
    {
        var scratch = new List<string>();
        Check(instance, schema, path, scratch, closeHere: false);
        return scratch.Count == 0;
    }

    private static void CheckString(string text, JsonObject schema, string path, List<string> errors)
    {
        if (schema["minLength"] is { } minLength && text.Length < minLength.GetValue<int>())
            errors.Add($"{path}: \"{text}\" is shorter than {minLength.ToJsonString()}");
        // ECMAScript semantics, as JSON Schema specifies (\d is ASCII only).
        if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.ECMAScript))
            errors.Add($"{path}: \"{text}\" does not match {pattern.GetValue<string>()}");
        if (schema["format"] is { } format && !FormatMatches(text, format.GetValue<string>()))
            errors.Add($"{path}: \"{text}\" is not a {format.GetValue<string>()}");
    }

    private void CheckArray(JsonArray array, JsonObject schema, string path, List<string> errors)
    {
        if (schema["minItems"] is { } minItems && array.Count < minItems.GetValue<int>())
            errors.Add($"{path}: {array.Count} item(s), at least {minItems.ToJsonString()} expected");
        if (schema["maxItems"] is { } maxItems && array.Count > maxItems.GetValue<int>())
            errors.Add($"{path}: {array.Count} item(s), at most {maxItems.ToJsonString()} expected");
        if (schema["items"] is { } items)
            for (var i = 0; i < array.Count; i++)
                Check(array[i], items, $"{path}[{i}]", errors, closeHere: true);
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> errors, bool closeHere)
    {
        if (schema["required"] is JsonArray required)
            foreach (var name in required.Select(r => r!.GetValue<string>()))
                if (!obj.ContainsKey(name))
                    errors.Add($"{path}: required property '{name}' is missing");
        var properties = schema["properties"] as JsonObject;
        foreach (var (name, value) in obj)
        {
            if (properties?[name] is { } sub)
                Check(value, sub, $"{path}.{name}", errors, closeHere: true);
            else if (schema["additionalProperties"] is { } additional)
            {
                if (additional is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                    errors.Add($"{path}: property '{name}' is not allowed (additionalProperties: false)");
                else if (additional is JsonObject)
                    Check(value, additional, $"{path}.{name}", errors, closeHere: true);
            }
        }

        if (!closeHere || !closedObjects) return;
        var declared = Declared(schema);
        // A schema that describes no properties at all (e.g. the envelope's "data": {"type":"object"}) leaves the shape to another schema.
        if (declared is null) return;
        foreach (var (name, _) in obj)
            if (!declared.Contains(name))
                errors.Add($"{path}: property '{name}' is not documented");
    }

    /// <summary>The property names a schema and the schemas it combines with <c>allOf</c> and <c>$ref</c> declare; null when none has <c>properties</c>.</summary>
    private HashSet<string>? Declared(JsonObject schema)
    {
        if (schema["$ref"] is { } reference) return Declared(Resolve(reference.GetValue<string>()).AsObject());
        HashSet<string>? names = schema["properties"] is JsonObject properties ? [.. properties.Select(p => p.Key)] : null;
        if (schema["allOf"] is JsonArray all)
            foreach (var sub in all)
                if (Declared(sub!.AsObject()) is { } more)
                    (names ??= []).UnionWith(more);
        return names;
    }

    private static bool TypeMatches(JsonNode? instance, JsonNode type) => type switch
    {
        JsonArray types => types.Any(t => TypeMatches(instance, t!)),
        _ => type.GetValue<string>() switch
        {
            "null" => instance is null,
            "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "integer" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.IsInteger(v.GetValue<decimal>()),
            "object" => instance is JsonObject,
            "array" => instance is JsonArray,
            _ => false, // refused when the schema is read
        },
    };

    private static bool FormatMatches(string text, string format) => format switch
    {
        "date" => Regex.IsMatch(text, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
                  && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        // RFC 3339 date-time: a full date, a time, an offset (Z or ±hh:mm).
        "date-time" => Regex.IsMatch(text, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
                       && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0 && !text.Any(char.IsWhiteSpace),
        _ => false, // refused when the schema is read
    };

    private static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString();
}
