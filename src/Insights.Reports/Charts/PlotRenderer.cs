using ScottPlot;
using SkiaSharp;

namespace Insights.Reports.Charts;

/// <summary>Draws a ScottPlot plot into a rectangle of a (PDF) canvas, as vectors.</summary>
public static class PlotRenderer
{
    /// <param name="settle">
    /// Adjusts the plot once its layout is known (the data area in points), before it is drawn: e.g. the
    /// room a bar chart leaves above its bars for their value labels.
    /// </param>
    public static void Draw(SKCanvas canvas, SKRect rect, Plot plot, Action<Plot, PixelRect>? settle = null)
    {
        var width = (int)Math.Floor(rect.Width);
        var height = (int)Math.Floor(rect.Height);
        if (width < 4 || height < 4)
        {
            return;
        }

        // TRICKY: ScottPlot clears the canvas, and paints a transparent background by replacing pixels
        // (not blending over them). On a PDF page Skia can only emulate that with a soft mask holding a
        // copy of the whole page drawn so far (100+ KB per chart). Charts sit on white, so those steps go.
        plot.RenderManager.RenderActions.RemoveAll(a => a is ScottPlot.Rendering.RenderActions.ClearCanvas
            || (a is ScottPlot.Rendering.RenderActions.RenderFigureBackground && plot.FigureBackground.Color.Alpha == 0)
            || (a is ScottPlot.Rendering.RenderActions.RenderDataBackground && plot.DataBackground.Color.Alpha == 0));

        // TRICKY: ScottPlot renders twice on a plot's first render (the layout needs measured tick
        // labels); on a PDF canvas both passes would be recorded, so every label would be in the text
        // twice. A first pass on a canvas that draws nothing settles the layout.
        using (var measuring = new SKNoDrawCanvas(width, height))
        {
            plot.Render(measuring, width, height);
            if (settle is not null)
            {
                settle(plot, plot.RenderManager.LastRender.DataRect);
                plot.Render(measuring, width, height);
            }
        }

        canvas.Save();
        canvas.Translate(rect.Left, rect.Top);
        canvas.ClipRect(new SKRect(0, 0, width, height));
        plot.Render(canvas, width, height);
        canvas.Restore();
    }
}
