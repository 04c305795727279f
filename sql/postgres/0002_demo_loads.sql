-- Which demo organisations were loaded (one per anchor week), so ./run.sh does not load twice.
CREATE TABLE IF NOT EXISTS demo_loads
(
    anchor     date        PRIMARY KEY,
    scale      integer     NOT NULL,
    events     bigint      NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);
