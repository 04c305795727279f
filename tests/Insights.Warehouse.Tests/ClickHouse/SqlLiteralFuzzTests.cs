using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;

namespace Insights.Warehouse.Tests.ClickHouse;

/// <summary>
/// Every string rendered by <see cref="SqlLiteral"/> must come back from the real server exactly
/// as it went in, whatever it holds: no value can end the literal early and inject SQL.
/// </summary>
public class SqlLiteralFuzzTests
{
    private static readonly string[] Nasty =
    [
        "'", "''", "\\", "\\'", "'\\", "\\\\'", "\n", "\r\n", "\t", "\0", "\u0001", "\u001f", "\u007f", "é", "☃", "😀", "\u200b",
        "`", "\"", ";", "--", "/*", "*/", "{a:String}", "?", "$1", "%s", "\\x41", "\\0", "\\N", "' OR 1=1 --", "'); DROP TABLE t; --",
    ];

    [Fact]
    public async Task String_RoundTripsThroughTheServer_ForHostileInputs()
    {
        var client = TestServices.ClickHouse();
        var inputs = Nasty.Concat(Nasty.SelectMany(a => Nasty.Select(b => a + "x" + b))).ToList();

        var returned = await RoundTripAsync(client, inputs);

        Assert.Equal(inputs, returned);
    }

    [Fact]
    public async Task String_RoundTripsThroughTheServer_ForRandomStrings()
    {
        var client = TestServices.ClickHouse();
        // Characters drawn mostly from the dangerous corners: quotes, backslashes, control bytes, non-ASCII.
        var alphabet = Gen.Frequency(
            (4, Gen.Elements('\'', '\\', '"', '`', ';', '\n', '\r', '\t', '\0', '\u0001', '\u007f')),
            (3, Gen.Choose(0x20, 0x7e).Select(i => (char)i)),
            (2, Gen.Elements('é', 'ß', '☃', '中', '\u00a0', '\u2028', '\ufeff')),
            (1, Gen.Choose(0, 0x1f).Select(i => (char)i)));
        var strings = Gen.ArrayOf(alphabet).Select(chars => new string(chars));
        var emoji = Gen.Elements("😀", "👩‍💻", "🇫🇷");
        var mixed = Gen.Zip(strings, emoji, (a, e) => a + e + a.Length);
        var inputs = Gen.Frequency((4, strings), (1, mixed)).Sample(40, new Rnd(20_261_126UL, 0x9E3779B97F4A7C15UL), 2000).ToList();

        var returned = await RoundTripAsync(client, inputs);

        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.True(inputs[i] == returned[i], $"Input #{i} {JsonSerializer.Serialize(inputs[i])} came back as {JsonSerializer.Serialize(returned[i])}");
        }
    }

    [Fact]
    public async Task String_CannotBreakOutOfAComparison()
    {
        var client = TestServices.ClickHouse();
        foreach (var attack in new[] { "x' OR '1'='1", "x\\' OR 1=1 --", "x'; SELECT 1; --", "\\", "x\\" })
        {
            var count = await client.QueryScalarAsync<long>($"SELECT count() FROM system.one WHERE 'safe' = {SqlLiteral.String(attack)}");
            Assert.Equal(0, count);
        }
    }

    [Fact]
    public async Task Render_GivesTheSameValuesBack_ForEveryType()
    {
        var client = TestServices.ClickHouse();
        var at = new DateTime(2026, 3, 2, 14, 5, 9, DateTimeKind.Utc);

        var row = await client.QueryAsync<Dictionary<string, JsonElement>>(
            $"SELECT {SqlLiteral.Render(at)} AS t, {SqlLiteral.Render(new DateOnly(2026, 3, 2))} AS d, {SqlLiteral.Render(-12.5)} AS f, " +
            $"{SqlLiteral.Render(42L)} AS n, {SqlLiteral.Render(true)} AS b, {SqlLiteral.Render(new[] { "a'", "b\\" })} AS a, {SqlLiteral.Render(null)} AS z");

        Assert.Equal("2026-03-02 14:05:09", row[0]["t"].GetString());
        Assert.Equal("2026-03-02", row[0]["d"].GetString());
        Assert.Equal(-12.5, row[0]["f"].GetDouble());
        Assert.Equal(42, row[0]["n"].GetInt32());
        Assert.Equal(1, row[0]["b"].GetInt32());
        Assert.Equal(["a'", "b\\"], row[0]["a"].EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, row[0]["z"].ValueKind);
    }

    [Theory]
    [InlineData("deployments")]
    [InlineData("_x1")]
    public void Identifier_AcceptsPlainNames(string name) => Assert.Equal($"`{name}`", SqlLiteral.Identifier(name));

    [Theory]
    [InlineData("a`b")]
    [InlineData("1abc")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("t; DROP")]
    public void Identifier_RefusesAnythingElse(string name) => Assert.Throws<ArgumentException>(() => SqlLiteral.Identifier(name));

    [Fact]
    public void Number_RefusesNonFiniteValues() => Assert.Throws<ArgumentOutOfRangeException>(() => SqlLiteral.Number(double.NaN));

    private static async Task<List<string>> RoundTripAsync(ClickHouseClient client, List<string> inputs)
    {
        var returned = new List<string>();
        foreach (var chunk in inputs.Chunk(250))
        {
            var sql = new StringBuilder("SELECT i, arr[i] AS v FROM (SELECT [");
            sql.Append(string.Join(", ", chunk.Select(SqlLiteral.String)));
            sql.Append("] AS arr) ARRAY JOIN arrayEnumerate(arr) AS i ORDER BY i");
            var rows = await client.QueryAsync<Dictionary<string, JsonElement>>(sql.ToString());
            returned.AddRange(rows.Select(r => r["v"].GetString()!));
        }

        return returned;
    }
}
