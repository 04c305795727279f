using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Insights.Server.Surveys;

/// <summary>
/// The respondent's pages, rendered on the server: the question (0–10 as a radio group, so it works
/// with a keyboard, a screen reader, and without JavaScript), the thank-you state, and the error page.
/// No inline script or style and no third-party asset: the one stylesheet and script come from this
/// server (<see cref="SurveyAssets"/>) under a strict Content-Security-Policy.
/// </summary>
public static class SurveyPage
{
    public static string Question(LinkCheck link, string token, bool embed, string? error = null)
    {
        var campaign = link.Campaign!;
        var action = "/s/" + Uri.EscapeDataString(token) + (embed ? "?embed=1" : string.Empty);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <form id="survey-form" class="survey" method="post" action="{Attr(action)}" data-token="{Attr(token)}" data-api="/api/v1/surveys/responses" novalidate>
              <fieldset class="scale">
                <legend><h1 id="question">{Text(campaign.Question)}</h1></legend>
                <p class="hint" id="scale-hint">0 = not at all likely, 10 = extremely likely</p>
                <div class="scores" aria-describedby="scale-hint">

            """);
        for (var score = 0; score <= 10; score++)
        {
            var end = score switch { 0 => " (not at all likely)", 10 => " (extremely likely)", _ => string.Empty };
            body.Append(CultureInfo.InvariantCulture,
                $"""      <input type="radio" id="score-{score}" name="score" value="{score}" required><label for="score-{score}">{score}<span class="visually-hidden">{end}</span></label>""")
                .Append('\n');
        }

        body.Append(CultureInfo.InvariantCulture, $"""
                </div>
                <div class="scale-ends" aria-hidden="true"><span>Not at all likely</span><span>Extremely likely</span></div>
              </fieldset>
              <label class="comment-label" for="comment">{Text(campaign.CommentPrompt)}</label>
              <textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea>
              <p id="form-error" class="error" role="alert"{(error is null ? " hidden" : string.Empty)}>{Text(error ?? string.Empty)}</p>
              <button type="submit" id="submit">Send answer</button>
              <p class="privacy">Anonymous: your answer is stored without your name or e-mail, and results are shown only for groups of at least {campaign.AnonymityThreshold} people. Answering again with this link replaces your answer.</p>
            </form>
            <section id="thanks" class="thanks" tabindex="-1" hidden>
              <h1>Thank you!</h1>
              <p>Your answer was recorded. You can change it at any time with the same link.</p>
            </section>
            """);
        return Layout("Developer survey", body.ToString(), embed, withScript: true);
    }

    public static string Thanks(bool embed) => Layout("Thank you", """
        <section id="thanks" class="thanks" tabindex="-1">
          <h1>Thank you!</h1>
          <p>Your answer was recorded. You can change it at any time with the same link.</p>
        </section>
        """, embed, withScript: true);

    public static string Error(string title, string message, bool embed) => Layout(title, $"""
        <section class="problem" role="alert">
          <h1>{Text(title)}</h1>
          <p>{Text(message)}</p>
        </section>
        """, embed, withScript: false);

    private static string Layout(string title, string main, bool embed, bool withScript) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{Text(title)}</title>
        <link rel="stylesheet" href="{SurveyAssets.StylePath}">
        {(withScript ? $"<script src=\"{SurveyAssets.ScriptPath}\" defer></script>" : string.Empty)}
        </head>
        <body class="{(embed ? "embedded" : "standalone")}">
        <main class="card">
        {main}
        </main>
        </body>
        </html>
        """;

    private static string Text(string value) => HtmlEncoder.Default.Encode(value);

    private static string Attr(string value) => HtmlEncoder.Default.Encode(value);
}
