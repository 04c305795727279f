-- The median by R-7 (as partials/r7.sql gives it for p = 0.5, to the last bit) as an aggregate, without
-- sorting: quantileExact(level) is the value at 0-based index floor(level * n) of the sorted values (found
-- by nth_element, linear), so level 0.5 gives index floor(n / 2) and level 0.49999999999 index
-- floor(n / 2 - ε): the two middle values of an even n, the middle one twice for an odd n (for any n below
-- 10^11). R-7's h = (n - 1) / 2 then interpolates halfway between them, in r7.sql's own arithmetic.
-- NULL when no value passes. $1 = the value (not nullable), $2 = which rows count (1 for all).
if(countIf({{$2}}) = 0, NULL, toNullable(
    quantileExactIf(0.49999999999)({{$1}}, {{$2}})
    + 0.5 * (quantileExactIf(0.5)({{$1}}, {{$2}}) - quantileExactIf(0.49999999999)({{$1}}, {{$2}}))))
