-- What this database holds, as one number that changes whenever the data of any table does (kept rows
-- are valid for one such number: docs/adr/0007-kept-rows.md). Every insert writes a part with a new
-- block number, so a partition's highest block number grows with each insert, and a merge keeps it;
-- a partition dropped leaves the list; a mutation (ALTER … DELETE) is counted by its id and whether it
-- has finished, since it rewrites parts without a new block number. The kept tables themselves are left out.
SELECT toString(cityHash64(
    arrayStringConcat(arraySort(groupArray(concat(table, '/', partition_id, '/', toString(max_block)))), ','),
    (
        SELECT arrayStringConcat(arraySort(groupArray(concat(table, '/', mutation_id, '/', toString(is_done)))), ',')
        FROM system.mutations
        WHERE database = currentDatabase()
    ))) AS version
FROM
(
    SELECT table, partition_id, max(max_block_number) AS max_block
    FROM system.parts
    WHERE active AND database = currentDatabase() AND NOT startsWith(table, 'kept_')
    GROUP BY table, partition_id
)
