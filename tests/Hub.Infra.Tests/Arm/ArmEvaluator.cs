using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Infra.Tests.Arm;

/// <summary>A value only known at deployment time (a <c>reference()</c>, a <c>list*()</c>, …).</summary>
public sealed record ArmUnknown(string Why)
{
    /// <inheritdoc />
    public override string ToString() => $"<unknown: {Why}>";
}

/// <summary>Copy-loop positions while evaluating (<c>copyIndex()</c>).</summary>
public sealed record ArmLoopScope(string? DefaultLoop, IReadOnlyDictionary<string, int> Indexes)
{
    /// <summary>No loop.</summary>
    public static readonly ArmLoopScope None = new(null, new Dictionary<string, int>());

    /// <summary>Inside loop <paramref name="name"/> at <paramref name="index"/>.</summary>
    public ArmLoopScope Enter(string name, int index, bool isDefault = true) =>
        new(isDefault ? name : DefaultLoop, new Dictionary<string, int>(Indexes, StringComparer.OrdinalIgnoreCase) { [name] = index });
}

/// <summary>
/// Evaluates a template's expressions for given parameter values, as far as they can be known before
/// deployment: parameters, variables, the string/array/object/logical functions, resource ids. Runtime
/// functions (<c>reference</c>, <c>list*</c>) give <see cref="ArmUnknown"/>. Values: string, long, bool, null,
/// <see cref="List{T}"/>, <see cref="OrderedDictionary{TKey,TValue}"/> (keys case-insensitive as in ARM).
/// <c>uniqueString</c> and <c>guid</c> are deterministic stand-ins, not ARM's exact hashes.
/// </summary>
public sealed class ArmEvaluator
{
    private readonly ArmTemplate _template;
    private readonly IReadOnlyDictionary<string, object?> _supplied;
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _evaluating = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An evaluator over <paramref name="template"/> with <paramref name="parameters"/> (others take their defaults).</summary>
    public ArmEvaluator(ArmTemplate template, IReadOnlyDictionary<string, object?> parameters)
    {
        _template = template;
        _supplied = new Dictionary<string, object?>(parameters, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The template.</summary>
    public ArmTemplate Template => _template;

    /// <summary>Resource group location used for <c>resourceGroup().location</c>.</summary>
    public string Location { get; init; } = "japaneast";

    /// <summary>A parameter's value (supplied, else its default).</summary>
    public object? Parameter(string name)
    {
        if (_supplied.TryGetValue(name, out var value)) return value;
        var declared = _template.Parameters[name] as JsonObject
                       ?? throw new KeyNotFoundException($"{_template.Name}: parameter '{name}' is not declared.");
        if (!declared.ContainsKey("defaultValue"))
            throw new KeyNotFoundException($"{_template.Name}: parameter '{name}' has no value and no default.");
        return Evaluate(declared["defaultValue"], ArmLoopScope.None);
    }

    /// <summary>A variable's value.</summary>
    public object? Variable(string name)
    {
        if (_variables.TryGetValue(name, out var cached)) return cached;
        if (!_evaluating.Add(name)) throw new InvalidOperationException($"{_template.Name}: variable '{name}' refers to itself.");
        try
        {
            object? value;
            var topCopy = (_template.Variables["copy"] as JsonArray)?.FirstOrDefault(l => string.Equals(l?["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase));
            if (topCopy is not null)
                value = EvaluateCopy(topCopy.AsObject(), ArmLoopScope.None);
            else if (_template.Variables.TryGetPropertyValue(name, out var node))
                value = Evaluate(node, ArmLoopScope.None);
            else
                throw new KeyNotFoundException($"{_template.Name}: variable '{name}' is not declared.");
            _variables[name] = value;
            return value;
        }
        finally
        {
            _evaluating.Remove(name);
        }
    }

    /// <summary>Evaluates JSON (expressions inside strings, objects and arrays recursively, nested <c>copy</c> properties).</summary>
    public object? Evaluate(JsonNode? node, ArmLoopScope scope)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
            {
                var result = NewObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "copy" && value is JsonArray loops && loops.All(l => l?["input"] is not null))
                    {
                        foreach (var loop in loops)
                            result[loop!["name"]!.GetValue<string>()] = EvaluateCopy(loop.AsObject(), scope);
                        continue;
                    }
                    result[key] = Evaluate(value, scope);
                }
                return result;
            }
            case JsonArray arr:
                return arr.Select(item => Evaluate(item, scope)).ToList();
            case JsonValue v:
                return v.GetValueKind() switch
                {
                    JsonValueKind.String => EvaluateString(v.GetValue<string>(), scope),
                    JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : (object)v.GetValue<double>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>Evaluates one expression.</summary>
    public object? Evaluate(ArmExpr expr, ArmLoopScope scope) => expr switch
    {
        ArmString s => s.Value,
        ArmNumber n => n.Value,
        ArmProperty p => Property(Evaluate(p.Target, scope), p.Name),
        ArmIndex i => Index(Evaluate(i.Target, scope), Evaluate(i.Index, scope)),
        ArmCall c => Call(c, scope),
        _ => throw new NotSupportedException(expr.GetType().Name),
    };

    /// <summary>
    /// A resource's instances as deployed: one per copy index whose condition holds (a resource without copy
    /// gives at most one). Each instance is the evaluated resource object.
    /// </summary>
    public IReadOnlyList<OrderedDictionary<string, object?>> Instances(ArmResource resource)
    {
        var list = new List<OrderedDictionary<string, object?>>();
        var copy = resource.Node["copy"] as JsonObject;
        var count = copy is null ? 1 : ToLong(Evaluate(copy["count"], ArmLoopScope.None), "copy.count");
        for (var i = 0; i < count; i++)
        {
            var scope = copy is null ? ArmLoopScope.None : ArmLoopScope.None.Enter(resource.CopyName!, i);
            if (resource.Node["condition"] is { } condition && Evaluate(condition, scope) is not true) continue;
            var instance = NewObject();
            foreach (var (key, value) in resource.Node)
                if (key is not ("copy" or "condition")) instance[key] = Evaluate(value, scope);
            list.Add(instance);
        }
        return list;
    }

    private object? EvaluateString(string text, ArmLoopScope scope)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal)) return text[1..];
        return ArmExpressionParser.IsExpression(text) ? Evaluate(ArmExpressionParser.Parse(text), scope) : text;
    }

    private List<object?> EvaluateCopy(JsonObject loop, ArmLoopScope scope)
    {
        var name = loop["name"]!.GetValue<string>();
        var count = ToLong(Evaluate(loop["count"], scope), $"copy '{name}' count");
        var items = new List<object?>();
        for (var i = 0; i < count; i++) items.Add(Evaluate(loop["input"], scope.Enter(name, i, isDefault: false)));
        return items;
    }

    private object? Call(ArmCall call, ArmLoopScope scope)
    {
        var name = call.Function.ToLowerInvariant();
        // Lazy functions first: only the chosen branch is evaluated, as ARM does.
        switch (name)
        {
            case "if":
            {
                var condition = Evaluate(call.Args[0], scope);
                if (condition is ArmUnknown) return condition;
                return condition is true ? Evaluate(call.Args[1], scope) : Evaluate(call.Args[2], scope);
            }
            case "parameters":
                return Parameter(call.LiteralArg() ?? throw new NotSupportedException("parameters() needs a literal name"));
            case "variables":
                return Variable(call.LiteralArg() ?? throw new NotSupportedException("variables() needs a literal name"));
            case "copyindex":
            {
                long offset = 0;
                string? loop = scope.DefaultLoop;
                foreach (var arg in call.Args.Select(a => Evaluate(a, scope)))
                {
                    if (arg is string s) loop = s;
                    else offset = ToLong(arg, "copyIndex offset");
                }
                if (loop is null || !scope.Indexes.TryGetValue(loop, out var index))
                    throw new InvalidOperationException($"copyIndex({loop}) outside its loop.");
                return index + offset;
            }
        }
        if (ArmFunctions.IsRuntime(name) || name is "deployment" or "deployer" or "utcnow" or "newguid")
            return new ArmUnknown($"{call.Function}()");

        var args = call.Args.Select(a => Evaluate(a, scope)).ToList();
        if (args.OfType<ArmUnknown>().FirstOrDefault() is { } unknown && name is not ("coalesce" or "createarray" or "createobject" or "string"))
            return unknown;
        return name switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            "equals" => DeepEquals(args[0], args[1]),
            "not" => !ToBool(args[0]),
            "and" => args.All(ToBool),
            "or" => args.Any(ToBool),
            "empty" => args[0] switch { null => true, string s => s.Length == 0, List<object?> l => l.Count == 0, OrderedDictionary<string, object?> o => o.Count == 0, _ => false },
            "length" => (long)(args[0] switch { string s => s.Length, List<object?> l => l.Count, OrderedDictionary<string, object?> o => o.Count, _ => throw Bad(call, "length of a non-collection") }),
            "greater" => Compare(args[0], args[1]) > 0,
            "greaterorequals" => Compare(args[0], args[1]) >= 0,
            "less" => Compare(args[0], args[1]) < 0,
            "lessorequals" => Compare(args[0], args[1]) <= 0,
            "coalesce" => args.FirstOrDefault(a => a is not null),
            "concat" => args.All(a => a is List<object?>) ? args.SelectMany(a => (List<object?>)a!).ToList() : string.Concat(args.Select(Text)),
            "createarray" => args,
            "createobject" => CreateObject(args),
            "array" => args[0] is List<object?> l0 ? l0 : new List<object?> { args[0] },
            "union" => Union(args, call),
            "contains" => args[0] switch
            {
                string s => s.Contains(Text(args[1]), StringComparison.OrdinalIgnoreCase),
                List<object?> l => l.Any(x => DeepEquals(x, args[1])),
                OrderedDictionary<string, object?> o => o.ContainsKey(Text(args[1])),
                _ => throw Bad(call, "contains on a non-collection"),
            },
            "first" => args[0] switch { string s => s.Length > 0 ? s[..1] : "", List<object?> l => l.FirstOrDefault(), _ => throw Bad(call, "first of a non-collection") },
            "last" => args[0] switch { string s => s.Length > 0 ? s[^1..] : "", List<object?> l => l.LastOrDefault(), _ => throw Bad(call, "last of a non-collection") },
            "take" => args[0] switch
            {
                string s => s[..(int)Math.Min(s.Length, Math.Max(0, ToLong(args[1], "take")))],
                List<object?> l => l.Take((int)ToLong(args[1], "take")).ToList(),
                _ => throw Bad(call, "take of a non-collection"),
            },
            "skip" => args[0] switch
            {
                string s => s[(int)Math.Min(s.Length, Math.Max(0, ToLong(args[1], "skip")))..],
                List<object?> l => l.Skip((int)ToLong(args[1], "skip")).ToList(),
                _ => throw Bad(call, "skip of a non-collection"),
            },
            "format" => string.Format(CultureInfo.InvariantCulture, Text(args[0]), args.Skip(1).Select(a => (object?)Text(a)).ToArray()),
            "tolower" => Text(args[0]).ToLowerInvariant(),
            "toupper" => Text(args[0]).ToUpperInvariant(),
            "trim" => Text(args[0]).Trim(),
            "replace" => Text(args[0]).Replace(Text(args[1]), Text(args[2]), StringComparison.Ordinal),
            "split" => Text(args[0]).Split(args[1] is List<object?> seps ? seps.Select(Text).ToArray() : [Text(args[1])], StringSplitOptions.None).Select(x => (object?)x).ToList(),
            "startswith" => Text(args[0]).StartsWith(Text(args[1]), StringComparison.OrdinalIgnoreCase),
            "endswith" => Text(args[0]).EndsWith(Text(args[1]), StringComparison.OrdinalIgnoreCase),
            "substring" => args.Count == 2 ? Text(args[0])[(int)ToLong(args[1], "substring")..] : Text(args[0]).Substring((int)ToLong(args[1], "substring"), (int)ToLong(args[2], "substring")),
            "string" => args[0] switch { string s => s, ArmUnknown u => u, var other => ToJson(other)?.ToJsonString() ?? "null" },
            "int" => args[0] is string si ? long.Parse(si, CultureInfo.InvariantCulture) : ToLong(args[0], "int"),
            "bool" => args[0] is string sb ? bool.Parse(sb) : ToBool(args[0]),
            "json" => FromJson(JsonNode.Parse(Text(args[0]))),
            "add" => ToLong(args[0], "add") + ToLong(args[1], "add"),
            "sub" => ToLong(args[0], "sub") - ToLong(args[1], "sub"),
            "mul" => ToLong(args[0], "mul") * ToLong(args[1], "mul"),
            "div" => ToLong(args[0], "div") / ToLong(args[1], "div"),
            "mod" => ToLong(args[0], "mod") % ToLong(args[1], "mod"),
            "min" => args.SelectMany(Flat).Min(a => ToLong(a, "min")),
            "max" => args.SelectMany(Flat).Max(a => ToLong(a, "max")),
            "uniquestring" => StandInHash(args, 13),
            "guid" => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(Text))))[..16]).ToString(),
            "resourceid" => ResourceId(args, $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}", call),
            "subscriptionresourceid" => ResourceId(args, $"/subscriptions/{SubscriptionId}", call),
            "tenantresourceid" => ResourceId(args, "", call),
            "extensionresourceid" => $"{Text(args[0])}/providers/{Text(args[1])}/{string.Join('/', args.Skip(2).Select(Text))}",
            "subscription" => CreateObject(["id", $"/subscriptions/{SubscriptionId}", "subscriptionId", SubscriptionId, "tenantId", TenantId, "displayName", "hub"]),
            "resourcegroup" => CreateObject(["id", $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}", "name", ResourceGroupName, "location", Location]),
            "environment" => FromJson(JsonNode.Parse("""{"name":"AzureCloud","suffixes":{"storage":"core.windows.net","keyvaultDns":".vault.azure.net"}}""")),
            _ => throw Bad(call, "not supported by the test evaluator"),
        };
    }

    private const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    private const string TenantId = "00000000-0000-0000-0000-000000000002";
    private const string ResourceGroupName = "rg-hub-test";

    private static OrderedDictionary<string, object?> NewObject() => new(StringComparer.OrdinalIgnoreCase);

    private static Exception Bad(ArmCall call, string why) => new NotSupportedException($"{call.Function}(): {why}");

    private static IEnumerable<object?> Flat(object? value) => value is List<object?> l ? l : [value];

    private static string ResourceId(List<object?> args, string scopePrefix, ArmCall call)
    {
        // Optional leading subscription id / resource group name before the type (the type contains '/').
        var typeIndex = args.FindIndex(a => a is string s && s.Contains('/'));
        if (typeIndex < 0) throw Bad(call, "no resource type argument");
        var type = Text(args[typeIndex]);
        var names = args.Skip(typeIndex + 1).Select(Text).ToList();
        var segments = type.Split('/');
        var path = new StringBuilder($"{scopePrefix}/providers/{segments[0]}");
        for (var i = 1; i < segments.Length; i++)
            path.Append('/').Append(segments[i]).Append('/').Append(i - 1 < names.Count ? names[i - 1] : "?");
        return path.ToString();
    }

    private static string StandInHash(IEnumerable<object?> args, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(Text))));
        return new string(hash.Take(length).Select(b => alphabet[b % 32]).ToArray());
    }

    private static OrderedDictionary<string, object?> CreateObject(List<object?> args)
    {
        var result = NewObject();
        for (var i = 0; i + 1 < args.Count; i += 2) result[Text(args[i])] = args[i + 1];
        return result;
    }

    private static object? Union(List<object?> args, ArmCall call)
    {
        if (args.All(a => a is OrderedDictionary<string, object?>))
        {
            var result = NewObject();
            foreach (var o in args.Cast<OrderedDictionary<string, object?>>())
            foreach (var (k, v) in o)
                result[k] = v;
            return result;
        }
        if (args.All(a => a is List<object?>))
        {
            var result = new List<object?>();
            foreach (var item in args.Cast<List<object?>>().SelectMany(l => l))
                if (!result.Any(x => DeepEquals(x, item))) result.Add(item);
            return result;
        }
        throw Bad(call, "union of mixed types");
    }

    private static object? Property(object? target, string name) => target switch
    {
        ArmUnknown u => u,
        OrderedDictionary<string, object?> o => o.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"property '{name}' does not exist (has: {string.Join(", ", o.Keys)})"),
        _ => throw new InvalidOperationException($"property '{name}' of a non-object ({target ?? "null"})"),
    };

    private static object? Index(object? target, object? index) => (target, index) switch
    {
        (ArmUnknown u, _) => u,
        (_, ArmUnknown u) => u,
        (List<object?> l, long i) => i >= 0 && i < l.Count ? l[(int)i] : throw new IndexOutOfRangeException($"index {i} of an array of {l.Count}"),
        (OrderedDictionary<string, object?> o, string key) => o.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"property '{key}' does not exist"),
        _ => throw new InvalidOperationException($"cannot index {target} with {index}"),
    };

    /// <summary>Text of a scalar as ARM's string conversion gives it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        ArmUnknown u => u.ToString(),
        _ => ToJson(value)?.ToJsonString() ?? "",
    };

    private static long ToLong(object? value, string what) => value switch
    {
        long l => l,
        double d when d == Math.Floor(d) => (long)d,
        _ => throw new InvalidOperationException($"{what}: {value ?? "null"} is not an integer"),
    };

    private static bool ToBool(object? value) => value switch
    {
        bool b => b,
        _ => throw new InvalidOperationException($"{value ?? "null"} is not a boolean"),
    };

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new InvalidOperationException($"cannot compare {a} and {b}"),
    };

    /// <summary>Deep equality of evaluated values.</summary>
    public static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
        (OrderedDictionary<string, object?> x, OrderedDictionary<string, object?> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && DeepEquals(kv.Value, v)),
        _ => Equals(a, b),
    };

    /// <summary>Converts an evaluated value to JSON (unknowns become their description).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        ArmUnknown u => JsonValue.Create(u.ToString()),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        OrderedDictionary<string, object?> o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        _ => throw new InvalidOperationException($"unexpected value {value.GetType().Name}"),
    };

    /// <summary>Converts JSON to evaluated values (no expression evaluation).</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new OrderedDictionary<string, object?>(o.Select(kv => KeyValuePair.Create(kv.Key, FromJson(kv.Value))), StringComparer.OrdinalIgnoreCase),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : (object)v.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };
}
