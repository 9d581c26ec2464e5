import { statSync } from "node:fs";
import { resolve } from "node:path";
import { AppError } from "../../platform/errors.ts";

/** The absolute path of a file the command can read, or a one-line reason. */
export function readableFile(file: string): string {
  const path = resolve(file);
  try {
    if (!statSync(path).isFile()) throw new AppError("not_found", `${file} is not a file.`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "not_found",
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
    );
  }
  return path;
}
