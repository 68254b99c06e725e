/**
 * Preloaded into a benchmarked process (NODE_OPTIONS=--require): as it exits, it writes its peak
 * resident set size to stderr. `resourceUsage().maxRSS` is getrusage's ru_maxrss, the kernel's
 * high-water mark of this process (the figure `/usr/bin/time -v` reports), so nothing is sampled
 * and no peak between samples can be missed.
 */
process.on('exit', () => {
  process.stderr.write(`\nfis-gate-bench peak-rss-kib=${process.resourceUsage().maxRSS}\n`)
})
