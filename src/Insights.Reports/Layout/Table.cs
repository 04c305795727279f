using SkiaSharp;

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
    /// <param name="notes">A line under a row (null: none), from its second column to the right edge, kept on the row's page.</param>
    public ReportPage Draw(ReportDocument document, ReportPage page, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string?>? notes = null)
    {
        if (page.Remaining < HeaderHeight + RowHeight)
        {
            page = document.NewPage();
        }

        DrawHeader(page);
        for (var i = 0; i < rows.Count; i++)
        {
            var note = notes is not null && i < notes.Count ? notes[i] : null;
            if (page.Remaining < RowHeight * (note is null ? 1 : 2))
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

            if (note is not null)
            {
                var under = page.Take(RowHeight);
                if (i % 2 == 1)
                {
                    page.Fill(under, Palette.Shade);
                }

                var left = Columns.Count > 1 ? cells[1].Left : under.Left;
                page.DrawTextIn(new SKRect(left, under.Top, under.Right, under.Bottom), note, TextStyle.Note);
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
