using Insights.Domain.Csv;

namespace Insights.Domain.Tests.Csv;

public class CsvTableTests
{
    [Fact]
    public void Read_HandlesQuotesCommasAndLineBreaksInsideFields()
    {
        var csv = "\uFEFFid,Name,team\r\na@x,\"Doe, Jane\",payments\r\nb@x,\"Said \"\"hi\"\"\nthen left\",search\r\n\r\n";

        var records = CsvTable.Read(new StringReader(csv)).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal("Doe, Jane", records[0].Values!["name"]);
        Assert.Equal("Said \"hi\"\nthen left", records[1].Values!["name"]);
        Assert.Equal("search", records[1].Values!["team"]);
        Assert.Equal(1, records[1].Index);
    }

    [Fact]
    public void Read_ReportsARecordWithTheWrongFieldCount_AndGoesOn()
    {
        var records = CsvTable.Read(new StringReader("id,team\na,b,c\nd,e\n")).ToList();

        Assert.Equal("line 2 has 3 fields; the header has 2.", records[0].Error);
        Assert.Equal("e", records[1].Values!["team"]);
    }

    [Fact]
    public void Read_Throws_OnAnUnclosedQuote()
    {
        var error = Assert.Throws<FormatException>(() => CsvTable.Read(new StringReader("id\n\"open")).ToList());

        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void Read_Throws_OnADuplicatedHeader()
    {
        Assert.Throws<FormatException>(() => CsvTable.Read(new StringReader("id,ID\n1,2")).ToList());
    }
}
