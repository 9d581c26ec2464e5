/**
 * The line each value of a JSON text starts on, by its path ("paragraphs.3.text.es"), so a
 * refusal can say where in the file the field is. The text is known to be valid JSON
 * (JSON.parse accepted it first): this walk only follows its structure.
 *
 * Worked example: in `{\n  "a": [\n    1,\n    2\n  ]\n}` the path "a" starts on line 2,
 * "a.0" on line 3 and "a.1" on line 4.
 */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;

  const skipSpace = () => {
    while (at < text.length && /\s/.test(text.charAt(at))) {
      if (text.charAt(at) === "\n") line++;
      at++;
    }
  };
  const readString = (): string => {
    const start = at;
    at++; // opening quote
    while (text.charAt(at) !== '"') at += text.charAt(at) === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const walk = (path: string) => {
    skipSpace();
    lines.set(path, line);
    const prefix = path === "" ? "" : `${path}.`;
    const c = text.charAt(at);
    if (c === "{") {
      at++;
      skipSpace();
      while (text.charAt(at) !== "}") {
        const key = readString();
        skipSpace();
        at++; // colon
        walk(prefix + key);
        skipSpace();
        if (text.charAt(at) === ",") at++;
        skipSpace();
      }
      at++;
    } else if (c === "[") {
      at++;
      skipSpace();
      for (let index = 0; text.charAt(at) !== "]"; index++) {
        walk(prefix + index);
        skipSpace();
        if (text.charAt(at) === ",") at++;
        skipSpace();
      }
      at++;
    } else if (c === '"') {
      readString();
    } else {
      while (at < text.length && /[^\s,\]}]/.test(text.charAt(at))) at++;
    }
  };
  walk("");
  return lines;
}

/** The line of a field, or of the closest enclosing value present in the file. */
export function lineOfPath(lines: Map<string, number>, path: string): number | undefined {
  let current = path;
  for (;;) {
    const line = lines.get(current);
    if (line !== undefined) return line;
    if (current === "") return undefined;
    const dot = current.lastIndexOf(".");
    current = dot < 0 ? "" : current.slice(0, dot);
  }
}

/** The line of a JSON.parse syntax error from its "position N", when the message gives one. */
export function lineOfSyntaxError(text: string, error: unknown): number | undefined {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!match) return undefined;
  return text.slice(0, Number(match[1])).split("\n").length;
}
