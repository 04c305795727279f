using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Tests.Sql;

public class SqlStatementsTests
{
    [Fact]
    public void Split_IgnoresSemicolonsInStringsAndComments()
    {
        var statements = SqlStatements.Split("""
            -- a comment; with a semicolon
            CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory;
            /* block; comment */
            INSERT INTO a VALUES ('it\'s; fine');
            -- trailing comment only
            """);

        Assert.Equal(2, statements.Count);
        Assert.EndsWith("ENGINE = Memory", statements[0]);
        Assert.EndsWith("VALUES ('it\\'s; fine')", statements[1]);
    }
}
