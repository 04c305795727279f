-- Whether a deployment environment is production: the source said so ($2 = 1), or its name is in
-- the service's own production environments ($3, lower-case) or, when the service names none, in
-- the configured set. $1 = environment name.
(ifNull({{$2}}, 0) = 1 OR has(if(length({{$3}}) > 0, {{$3}}, {{production_environments}}), lower({{$1}})))
