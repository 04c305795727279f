namespace Insights.Server.OpenApi;

/// <summary>Declares the problems an endpoint answers, for the API reference (one line in each route table).</summary>
public static class ProblemResponses
{
    /// <summary>Each status as an <c>application/problem+json</c> response (the document gives them one schema, ProblemSchemas).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
