import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * Commit messages are a short subject line (at most 72 characters) and the detail in the
 * body. Commits before this rule are left as they are (history is not rewritten); every
 * commit after the last one of that time must keep it.
 */
const lastCommitBeforeTheRule = "a7a1ec6";
const longestSubject = 72;

function git(...args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

const hasHistory = git("cat-file", "-e", `${lastCommitBeforeTheRule}^{commit}`) !== null;

describe.skipIf(!hasHistory)("commit messages", () => {
  it(`have subjects of at most ${longestSubject} characters`, () => {
    const log = git("log", "--format=%h%x09%s", `${lastCommitBeforeTheRule}..HEAD`) ?? "";
    const tooLong = log
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const [hash, subject = ""] = line.split("\t");
        return { hash, subject, length: [...subject].length };
      })
      .filter((commit) => commit.length > longestSubject);
    expect(tooLong, "subjects over 72 characters: put the detail in the body").toEqual([]);
  });
});

if (!hasHistory) {
  console.info(
    `commit messages: skipped, ${lastCommitBeforeTheRule} is not in this clone's history`,
  );
}
