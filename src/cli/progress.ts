/**
 * A one-line progress bar on stderr, redrawn at most ten times a second; silent when stderr
 * is not a terminal (CI logs, tests) unless forced, so output stays clean.
 */
export function progressBar(label: string, options: { force?: boolean } = {}) {
  // ESCA_PROGRESS=1 draws it on a pipe too (tests watch it to kill an import mid-way).
  const forced = options.force === true || process.env.ESCA_PROGRESS === "1";
  const enabled = forced || process.stderr.isTTY === true;
  let last = 0;
  const draw = (done: number, total: number, final = false) => {
    const now = Date.now();
    if (!enabled || (!final && now - last < (forced ? 0 : 100))) return;
    last = now;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    process.stderr.write(
      `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${mb(done)}/${mb(total)} MB`,
    );
  };
  return {
    update: (done: number, total: number) => draw(done, total),
    finish: (total: number) => {
      draw(total, total, true);
      if (enabled) process.stderr.write("\n");
    },
  };
}
