// Polling until something shows, for every test that waits on another process: the in-host
// suites (bundled by esbuild), the UI tests and the activation benchmark (plain Node).

/**
 * Resolves the first value probe() returns other than undefined and false; throws naming `what`
 * once `timeoutMs` has passed. Probes again every 50 ms, after the previous probe settled.
 */
export async function waitFor(probe, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
