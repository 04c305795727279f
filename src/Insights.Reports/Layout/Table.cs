
namespace Insights.Reports.Layout;

/// <summary>
/// A table of text cells across the content width. Rows that do not fit continue on a new page under
/// a repeated header; alternate rows are shaded for reading across in grey.
/// </summary>
public sealed class Table(IReadOnlyList<TableColumn> columns)
{
    public const float HeaderHeight = 15;
    public const float RowHeight = 12;

    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    /// <summary>Draws the rows from the page's cursor on; returns the page the table ended on.</summary>
    public ReportPage Draw(ReportDocument document, ReportPage page, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (page.Remaining < HeaderHeight + RowHeight)
        {
            page = document.NewPage();
        }

        DrawHeader(page);
        for (var i = 0; i < rows.Count; i++)
        {
            if (page.Remaining < RowHeight)
            {
                page = document.NewPage();
                DrawHeader(page);
            }

            var band = page.Take(RowHeight);
            if (i % 2 == 1)
            {
                page.Fill(band, Palette.Shade);
            }

            var cells = Grid.Columns(band, Columns.Select(c => c.Weight).ToList());
            for (var c = 0; c < Columns.Count; c++)
            {
                page.DrawTextIn(cells[c], c < rows[i].Count ? rows[i][c] : "", TextStyle.TableCell, Columns[c].Align);
            }
        }

        var bottom = page.Cursor;
        page.Line(page.Content.Left, bottom, page.Content.Right, bottom, Palette.Rule, 0.6f);
        page.Skip(8);
        return page;
    }

    private void DrawHeader(ReportPage page)
    {
        var band = page.Take(HeaderHeight);
        page.Fill(band, Palette.HeaderShade);
        var cells = Grid.Columns(band, Columns.Select(c => c.Weight).ToList());
        for (var c = 0; c < Columns.Count; c++)
        {
            page.DrawTextIn(cells[c], Columns[c].Header, TextStyle.TableHeader, Columns[c].Align);
        }
    }
}
