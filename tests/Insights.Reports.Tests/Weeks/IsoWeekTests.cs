using Insights.Reports.Weeks;

namespace Insights.Reports.Tests.Weeks;

public sealed class IsoWeekTests
{
    [Theory]
    [InlineData("2026-W13", "2026-03-23")]
    [InlineData("2026-w01", "2025-12-29")]
    [InlineData("2026-W53", "2026-12-28")]
    public void TryParse_ReadsAnIsoWeek_StartingOnItsMonday(string text, string monday)
    {
        Assert.True(IsoWeek.TryParse(text, out var week));
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), week.Monday);
        Assert.Equal(week.Monday.AddDays(7), week.End);
        Assert.Equal(text.ToUpperInvariant(), week.ToString());
    }

    [Theory]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-13")]
    [InlineData("2026W13")]
    [InlineData("26-W13")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Refuses_WhatIsNotAWeekOfThatYear(string? text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Fact]
    public void LastFull_IsTheWeekThatEnded_InTheGivenZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // Sunday 29 March 2026, 23:30 UTC is already Monday 01:30 in Berlin (summer time).
        var sundayNightUtc = new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-W13", IsoWeek.LastFull(sundayNightUtc, berlin).ToString());
        Assert.Equal("2026-W12", IsoWeek.LastFull(sundayNightUtc, TimeZoneInfo.Utc).ToString());
        Assert.Equal("2025-W52", IsoWeek.LastFull(new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).ToString());
    }
}
