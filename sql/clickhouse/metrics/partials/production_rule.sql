-- In words, for an item's explanation, which environments are production for a service ($1): the
-- ones its catalog entry names, else the configured ones (partials/is_production.sql decides).
if(transform({{$1}}, tupleElement(({{> environment_map}}), 1), tupleElement(({{> environment_map}}), 2), '') != '',
   concat('its catalog entry names ', transform({{$1}}, tupleElement(({{> environment_map}}), 1), tupleElement(({{> environment_map}}), 2), '')),
   concat('metrics.production_environments: ', {{production_environments_text}}))
