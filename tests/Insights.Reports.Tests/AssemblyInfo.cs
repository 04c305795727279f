// TRICKY: Hangfire keeps its storage in a process-wide static (JobStorage.Current), which each host sets
// while it starts. Two test hosts starting at once can each end up with the other's PostgreSQL storage,
// and a job enqueued by one is then processed (or not) by the other. Tests here start hosts that run
// jobs, so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
