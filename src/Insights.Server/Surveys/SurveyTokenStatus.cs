namespace Insights.Server.Surveys;

/// <summary>Why a link was accepted or not.</summary>
public enum SurveyTokenStatus
{
    Valid,

    /// <summary>Not a link this server made: malformed, or its signature does not match.</summary>
    Forged,

    Expired,
}
