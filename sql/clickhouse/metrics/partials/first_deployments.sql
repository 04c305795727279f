-- Each service's first known successful production deployment (all history).
SELECT service, min(first_at) AS first_deployment_at
FROM
(
    SELECT service, environment, production_mark, toDateTime(minMerge(first_success), 'UTC') AS first_at
    FROM deployment_firsts
    GROUP BY service, environment, production_mark
)
WHERE {{> is_production(environment, if(production_mark = 1, 1, 0), service)}}
GROUP BY service
