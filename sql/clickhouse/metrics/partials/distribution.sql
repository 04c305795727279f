-- A duration metric's summary figures from a sorted array ($1): value (the median), p50, p75, p90.
{{> r7($1, 0.5)}} AS value,
    {{> r7($1, 0.5)}} AS p50,
    {{> r7($1, 0.75)}} AS p75,
    {{> r7($1, 0.9)}} AS p90
