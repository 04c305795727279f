-- Whether a deployment went through a golden path: its source said so ($1 = 1), or its pipeline
-- ($2) matches one of the configured golden-path pipeline patterns.
({{$1}} = 1 OR ({{has_golden_patterns}} = 1 AND match({{$2}}, {{golden_path_regex}})))
