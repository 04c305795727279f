using System.Security.Cryptography;
using System.Text;

namespace Insights.Ingest.Tests.Webhooks;

public static class WebhookSigning
{
    public static string Hex(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "github", name));
}
