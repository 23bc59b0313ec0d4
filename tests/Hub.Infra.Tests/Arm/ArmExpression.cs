using System.Globalization;
using System.Text;

namespace Hub.Infra.Tests.Arm;

/// <summary>A parsed ARM template expression (the text between <c>[</c> and <c>]</c> of a JSON string).</summary>
public abstract record ArmExpr
{
    /// <summary>Every node of the tree, this one first.</summary>
    public IEnumerable<ArmExpr> Descendants()
    {
        yield return this;
        IEnumerable<ArmExpr> children = this switch
        {
            ArmCall call => call.Args,
            ArmProperty property => [property.Target],
            ArmIndex index => [index.Target, index.Index],
            _ => [],
        };
        foreach (var child in children)
        foreach (var node in child.Descendants())
            yield return node;
    }

    /// <summary>Every function call in the tree.</summary>
    public IEnumerable<ArmCall> Calls() => Descendants().OfType<ArmCall>();
}

/// <summary>A string literal (<c>'text'</c>, with <c>''</c> for a quote).</summary>
public sealed record ArmString(string Value) : ArmExpr;

/// <summary>An integer literal.</summary>
public sealed record ArmNumber(long Value) : ArmExpr;

/// <summary>A function call such as <c>parameters('x')</c>.</summary>
public sealed record ArmCall(string Function, IReadOnlyList<ArmExpr> Args) : ArmExpr
{
    /// <summary>The first argument when it is a string literal (parameters, variables, copyIndex, resource types).</summary>
    public string? LiteralArg(int index = 0) => index < Args.Count && Args[index] is ArmString s ? s.Value : null;

    /// <summary>Whether this calls <paramref name="name"/> (ARM function names are case-insensitive).</summary>
    public bool Is(string name) => string.Equals(Function, name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Property access: <c>target.name</c>.</summary>
public sealed record ArmProperty(ArmExpr Target, string Name) : ArmExpr;

/// <summary>Index access: <c>target[index]</c>.</summary>
public sealed record ArmIndex(ArmExpr Target, ArmExpr Index) : ArmExpr;

/// <summary>An expression that does not parse, with the reason and position.</summary>
public sealed class ArmExpressionException(string message) : Exception(message);

/// <summary>
/// Parses ARM template expressions: <c>[func(arg, 'text', 12).prop[0]]</c>. A JSON string is an expression
/// when it starts with <c>[</c> and ends with <c>]</c>; a leading <c>[[</c> escapes a literal bracket.
/// </summary>
public static class ArmExpressionParser
{
    /// <summary>Whether a JSON string value is an expression (not a literal, not an escaped <c>[[</c>).</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && !value.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>Parses a JSON string value that <see cref="IsExpression"/> says is an expression.</summary>
    /// <exception cref="ArmExpressionException">The text is not a valid expression.</exception>
    public static ArmExpr Parse(string value)
    {
        if (!IsExpression(value)) throw new ArmExpressionException($"'{value}' is not an expression (it must be [ ... ]).");
        var parser = new Parser(value[1..^1]);
        var expr = parser.ParseExpression();
        parser.SkipWhitespace();
        if (!parser.AtEnd) throw parser.Error("unexpected text after the expression");
        return expr;
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        public ArmExpressionException Error(string what) =>
            new($"{what} at position {_pos + 1} of '[{text}]'");

        public void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        public ArmExpr ParseExpression()
        {
            SkipWhitespace();
            var expr = ParsePrimary();
            while (true)
            {
                SkipWhitespace();
                if (AtEnd) return expr;
                if (text[_pos] == '.')
                {
                    _pos++;
                    SkipWhitespace();
                    var name = ReadIdentifier() ?? throw Error("a property name was expected after '.'");
                    expr = new ArmProperty(expr, name);
                }
                else if (text[_pos] == '[')
                {
                    _pos++;
                    var index = ParseExpression();
                    SkipWhitespace();
                    Expect(']');
                    expr = new ArmIndex(expr, index);
                }
                else
                {
                    return expr;
                }
            }
        }

        private ArmExpr ParsePrimary()
        {
            if (AtEnd) throw Error("an expression was expected");
            var c = text[_pos];
            if (c == '\'') return new ArmString(ReadString());
            if (char.IsAsciiDigit(c) || (c == '-' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1]))) return ReadNumber();
            var name = ReadIdentifier() ?? throw Error($"unexpected character '{c}'");
            SkipWhitespace();
            if (AtEnd || text[_pos] != '(') throw Error($"'{name}' must be called as a function: '(' expected");
            _pos++;
            var args = new List<ArmExpr>();
            SkipWhitespace();
            if (!AtEnd && text[_pos] == ')')
            {
                _pos++;
                return new ArmCall(name, args);
            }
            while (true)
            {
                args.Add(ParseExpression());
                SkipWhitespace();
                if (AtEnd) throw Error($"unterminated argument list of {name}(");
                if (text[_pos] == ',') { _pos++; continue; }
                if (text[_pos] == ')') { _pos++; return new ArmCall(name, args); }
                throw Error($"',' or ')' expected in the arguments of {name}(");
            }
        }

        private string ReadString()
        {
            _pos++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("unterminated string literal");
                var c = text[_pos++];
                if (c != '\'') { sb.Append(c); continue; }
                if (!AtEnd && text[_pos] == '\'') { sb.Append('\''); _pos++; continue; }
                return sb.ToString();
            }
        }

        private ArmNumber ReadNumber()
        {
            var start = _pos;
            if (text[_pos] == '-') _pos++;
            while (!AtEnd && char.IsAsciiDigit(text[_pos])) _pos++;
            return new ArmNumber(long.Parse(text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture));
        }

        // User-defined functions (namespace.name) are not used by the hub's templates and not supported here.
        private string? ReadIdentifier()
        {
            var start = _pos;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            if (_pos == start || char.IsAsciiDigit(text[start])) { _pos = start; return null; }
            return text[start.._pos];
        }

        private void Expect(char c)
        {
            if (AtEnd || text[_pos] != c) throw Error($"'{c}' expected");
            _pos++;
        }
    }
}
