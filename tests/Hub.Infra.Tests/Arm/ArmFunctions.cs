namespace Hub.Infra.Tests.Arm;

/// <summary>The ARM template functions (learn.microsoft.com "ARM template functions"), so a typo fails a test instead of a deployment.</summary>
public static class ArmFunctions
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        // array
        "array", "concat", "contains", "createArray", "empty", "first", "flatten", "indexOf", "intersection", "items", "join",
        "last", "lastIndexOf", "length", "max", "min", "range", "skip", "take", "tryGet", "union", "objectKeys", "shallowMerge",
        // lambda
        "filter", "groupBy", "map", "mapValues", "reduce", "sort", "toObject", "lambda", "lambdaVariables",
        // cidr
        "parseCidr", "cidrSubnet", "cidrHost",
        // comparison
        "coalesce", "equals", "greater", "greaterOrEquals", "less", "lessOrEquals",
        // date
        "dateTimeAdd", "dateTimeFromEpoch", "dateTimeToEpoch", "utcNow",
        // deployment
        "deployer", "deployment", "environment", "parameters", "variables",
        // logical
        "and", "bool", "false", "if", "not", "or", "true",
        // numeric
        "add", "copyIndex", "div", "float", "int", "mod", "mul", "sub",
        // object
        "createObject", "json", "null",
        // resource
        "extensionResourceId", "managementGroupResourceId", "pickZones", "providers", "reference", "references", "resourceId",
        "subscriptionResourceId", "tenantResourceId",
        // scope
        "managementGroup", "resourceGroup", "subscription", "tenant",
        // string
        "base64", "base64ToJson", "base64ToString", "dataUri", "dataUriToString", "endsWith", "format", "guid", "newGuid",
        "padLeft", "replace", "split", "startsWith", "string", "substring", "toLower", "toUpper", "trim", "uniqueString", "uri",
        "uriComponent", "uriComponentToString",
    };

    /// <summary>Whether <paramref name="name"/> is an ARM function (<c>list*</c> resource functions included).</summary>
    public static bool IsKnown(string name) => Known.Contains(name) || IsList(name);

    /// <summary><c>listKeys</c>, <c>listSecrets</c>, … : runtime functions, like <c>reference</c>.</summary>
    public static bool IsList(string name) => name.StartsWith("list", StringComparison.OrdinalIgnoreCase) && name.Length > 4;

    /// <summary>Functions that read deployed resources: not allowed in variables or parameter defaults.</summary>
    public static bool IsRuntime(string name) =>
        IsList(name) || string.Equals(name, "reference", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, "references", StringComparison.OrdinalIgnoreCase);

    /// <summary>Functions that build a resource id from a type and names.</summary>
    public static bool IsResourceIdFunction(string name) =>
        name.Equals("resourceId", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("subscriptionResourceId", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("tenantResourceId", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("extensionResourceId", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("managementGroupResourceId", StringComparison.OrdinalIgnoreCase);
}
