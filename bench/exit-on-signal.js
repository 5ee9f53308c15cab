// Preloaded into the server when the peak bench profiles it (BENCH_PROFILE): SIGUSR2 exits
// normally, so that `node --cpu-prof` writes its profile (a kill by signal would not).
process.once('SIGUSR2', () => process.exit(0));
