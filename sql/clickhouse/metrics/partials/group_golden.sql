-- A row's golden-path group when golden-path and other deployments are answered in one question
-- (MetricEngine.ComputeByGoldenPathAsync): $1, the column the golden_path filter reads (1 or 0);
-- otherwise one group, -1.
if({{by_golden}} = 1, toInt8({{$1}}), toInt8(-1))
