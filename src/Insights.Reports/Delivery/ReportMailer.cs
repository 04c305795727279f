using Insights.Reports.Links;
using Insights.Reports.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Insights.Reports.Delivery;

/// <summary>Sends one report by SMTP (MailKit), the PDF attached. Throws when the server refuses.</summary>
public sealed class ReportMailer(IOptionsMonitor<ReportsOptions> options, ReportLinks links)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task SendAsync(StoredReport report, byte[] pdf, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        if (!smtp.Enabled)
        {
            throw new InvalidOperationException("reports.smtp.host is not configured.");
        }

        using var message = Compose(report, pdf, recipients, smtp, await links.ForMailAsync(report.Id, cancellationToken).ConfigureAwait(false));
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), cancellationToken).ConfigureAwait(false);
        if (smtp.User.Length > 0)
        {
            var password = smtp.PasswordEnv.Length > 0 ? Environment.GetEnvironmentVariable(smtp.PasswordEnv) : null;
            if (password is null)
            {
                throw new InvalidOperationException($"reports.smtp.user is set but the environment variable {(smtp.PasswordEnv.Length > 0 ? smtp.PasswordEnv : "(reports.smtp.password_env)")} holds no password.");
            }

            await client.AuthenticateAsync(smtp.User, password, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    public static string FileName(StoredReport report) =>
        $"platform-insights-{report.Week}-{(report.Team is null ? "organisation" : Slug(report.Team))}.pdf";

    private static MimeMessage Compose(StoredReport report, byte[] pdf, IReadOnlyList<string> recipients, SmtpOptions smtp, ReportLink link)
    {
        var scope = report.Team is null ? "Organisation" : $"Team {report.Team}";
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From.Length > 0 ? smtp.From : "platform-insights@localhost"));
        foreach (var recipient in recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = $"Platform Insights weekly report {report.Week} — {scope}";
        var body = new BodyBuilder
        {
            TextBody =
                $"The weekly Platform Insights report for {scope}, ISO week {report.Week} ({report.WeekStart:yyyy-MM-dd} to {report.WeekEnd:yyyy-MM-dd}), is attached.\n\n" +
                $"Every figure in it is what the metrics API answers for the same week.\n\n" +
                $"Open it in a browser, no key needed, until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC:\n{link.Url}\n",
        };
        body.Attachments.Add(FileName(report), pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Security(string security) => security switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static string Slug(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-').ToArray());
}
