-- The caller's environment filter alone (lead time looks for the shipping deployment in it).
({{environment}} = '' OR lower(environment) = {{environment}})
