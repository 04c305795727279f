-- The p-quantile of a sorted Float64 array by linear interpolation between closest ranks (R-7:
-- numpy's default, Excel's PERCENTILE.INC). NULL for an empty array. $1 = sorted array, $2 = p.
-- TRICKY: ClickHouse evaluates both branches of if(), so indexes stay >= 1 even for an empty array.
if(length({{$1}}) = 0, NULL, toNullable(
    arrayElement({{$1}}, toUInt64(greatest(floor((toFloat64(length({{$1}})) - 1) * {{$2}}), 0)) + 1)
    + ((toFloat64(length({{$1}})) - 1) * {{$2}} - greatest(floor((toFloat64(length({{$1}})) - 1) * {{$2}}), 0))
    * (arrayElement({{$1}}, toUInt64(least(greatest(floor((toFloat64(length({{$1}})) - 1) * {{$2}}), 0) + 2, greatest(toFloat64(length({{$1}})), 1))))
       - arrayElement({{$1}}, toUInt64(greatest(floor((toFloat64(length({{$1}})) - 1) * {{$2}}), 0)) + 1))))
