/**
 * A command's action whose code, and every module it needs (the database, PGlite, the IATI
 * stack, PDF rendering…), loads only when the command runs: `esca --help` and a wrong usage
 * never pay for them. The build makes each `import()` a chunk of its own.
 */
export function lazy<A extends unknown[]>(
  load: () => Promise<(...args: A) => Promise<void>>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const { action } = await import("./run.ts");
    // Inside `action`, so that a chunk that fails to load is reported like any failure.
    await action(async (...given: A) => (await load())(...given))(...args);
  };
}
