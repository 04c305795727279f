using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Tests.Sql;

public class SqlTemplateTests
{
    [Fact]
    public void RenderText_ReplacesFragments()
    {
        var sql = SqlTemplate.RenderText("SELECT {{a}} + {{ b }}", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.Equal("SELECT 1 + 2", sql);
    }

    [Fact]
    public void RenderText_Fails_OnAMissingFragment()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqlTemplate.RenderText("SELECT {{missing}}", new Dictionary<string, string>()));

        Assert.Contains("{{missing}}", error.Message);
    }
}
