using Insights.Domain.Surveys;

namespace Insights.Server.Surveys;

/// <summary>
/// What a respondent link leads to: an open campaign (<see cref="Campaign"/> and <see cref="Token"/> set),
/// or why not, worded for the person holding the link (<see cref="Title"/>, <see cref="Message"/>) and
/// for the API (<see cref="StatusCode"/>, <see cref="Reason"/>).
/// </summary>
public sealed record LinkCheck(SurveyToken? Token, SurveyCampaign? Campaign, int StatusCode, string Title, string Message, string Reason)
{
    public bool IsValid => Campaign is not null && Token is not null && StatusCode == StatusCodes.Status200OK;

    public static LinkCheck Valid(SurveyToken token, SurveyCampaign campaign) => new(token, campaign, StatusCodes.Status200OK, string.Empty, string.Empty, string.Empty);

    public static LinkCheck Forged() => new(null, null, StatusCodes.Status400BadRequest,
        "This survey link is not valid",
        "The link may have been cut off or changed. Open it again from the message you received, or ask the platform team for a new one.",
        "is not a valid survey link (malformed, or its signature does not match).");

    public static LinkCheck Expired() => new(null, null, StatusCodes.Status410Gone,
        "This survey link has expired",
        "Survey links are valid for a limited time. Thank you for your interest; you will be asked again in a later survey.",
        "has expired.");

    public static LinkCheck Unknown() => new(null, null, StatusCodes.Status404NotFound,
        "This survey no longer exists",
        "The survey this link belongs to was removed.",
        "belongs to a survey that does not exist.");

    public static LinkCheck Closed(SurveyCampaign campaign, string status) => status == "scheduled"
        ? new(null, campaign, StatusCodes.Status403Forbidden,
            "This survey has not started yet",
            $"It opens on {campaign.StartsAt:d MMMM yyyy}. Please use the link again then.",
            "belongs to a survey that has not started yet.")
        : new(null, campaign, StatusCodes.Status410Gone,
            "This survey is closed",
            "Answers are no longer collected for this survey. Thank you for your interest.",
            "belongs to a survey that is closed.");
}
