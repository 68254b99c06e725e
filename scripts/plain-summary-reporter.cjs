/**
 * Jest reporter that ends every run with one plain line, "tests: N passed, N failed, N skipped",
 * which CI systems that do not parse Jest's own summary can read.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`
    )
  }
}
module.exports = PlainSummaryReporter
