-- The caller's filters on deployments: team (by service ownership), service, environment, golden path.
({{team}} = '' OR team = {{team}})
    AND ({{service}} = '' OR service = {{service}})
    AND ({{environment}} = '' OR lower(environment) = {{environment}})
    AND ({{golden}} = -1 OR is_golden = {{golden}})
