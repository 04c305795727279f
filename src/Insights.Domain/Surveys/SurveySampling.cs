using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Insights.Domain.Surveys;

/// <summary>
/// Which developers a campaign asks: a deterministic draw per (campaign, respondent), so issuing links
/// for the same list twice picks the same people, and a ratio of 0.3 asks about 30 % of them.
/// </summary>
public static class SurveySampling
{
    /// <summary>A number in [0, 1) that depends only on the campaign and the respondent's hash.</summary>
    public static double Draw(Guid campaign, string respondentHash)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(campaign.ToString("N") + ":" + respondentHash));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    public static bool IsSampled(Guid campaign, string respondentHash, double ratio) =>
        ratio >= 1 || (ratio > 0 && Draw(campaign, respondentHash) < ratio);
}
