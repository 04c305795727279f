-- Whether a deployment environment ($1) of a service ($3) is production: the source said so ($2 = 1),
-- or the name is one of the service's own production environments, or — when the service names
-- none — one of the configured ones. Case-insensitive. (IN sets, not a JOIN: one hash lookup a row.)
(ifNull({{$2}}, 0) = 1
    OR if({{$3}} IN (SELECT catalog_name FROM ({{> services_latest}}) WHERE length(catalog_environments) > 0),
          ({{$3}}, lower({{$1}})) IN (SELECT catalog_name, arrayJoin(catalog_environments) FROM ({{> services_latest}})),
          has({{production_environments}}, lower({{$1}}))))
