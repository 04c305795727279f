-- A row's group when a metric is answered for every team in one question
-- (MetricEngine.ComputeByTeamAsync): $1, the column the team filter reads; otherwise one group, ''.
if({{by_team}} = 1, {{$1}}, '')
