import { describe, expect, it } from "vitest";
import type { IatiStreamItem } from "./read-iati-stream.ts";
import { XmlGuard } from "./xml-guard.ts";
import { defaultXmlLimits } from "./xml-limits.ts";

/** Feeds a document in chunks of `size` characters and returns what the guard yields. */
function guard(xml: string, size = 7, limits = defaultXmlLimits): IatiStreamItem[] {
  const g = new XmlGuard(limits);
  const items: IatiStreamItem[] = [];
  for (let i = 0; i < xml.length; i += size) {
    g.feed(xml.slice(i, i + size));
    items.push(...g.take());
  }
  g.end();
  return [...items, ...g.take()];
}

const activity = `<iati-activity><iati-identifier>XM-1</iati-identifier><title><narrative>Uno &amp; dos</narrative></title></iati-activity>`;

describe("the streaming guard's own checks", () => {
  it("refuses an XML declaration of another encoding, on line 1", () => {
    expect(() =>
      guard(
        `<?xml version="1.0" encoding="ISO-8859-1"?>\n<iati-activities version="2.03">${activity}</iati-activities>`,
      ),
    ).toThrow(
      /^line 1: wrong encoding: the XML declaration says ISO-8859-1; IATI files must be UTF-8$/,
    );
  });

  it("reads a file that declares UTF-8 and holds processing instructions and CDATA", () => {
    const items = guard(
      `<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet href="a.xsl"?>\n<iati-activities version="2.03">\n${activity.replace("Uno &amp; dos", "<![CDATA[Uno & dos]]>")}\n</iati-activities>\n`,
    );
    expect(items.map((item) => item.kind)).toEqual(["header", "activity"]);
    const node = items[1]?.kind === "activity" ? items[1].node : null;
    expect(node?.children[1]?.children[0]?.text).toBe("Uno & dos");
    expect(node?.line).toBe(4);
  });

  it("names saxes's well-formedness errors and their line", () => {
    expect(() =>
      guard(`<iati-activities version="2.03">\n${activity}\n<a></b></iati-activities>`),
    ).toThrow(/^line 3: not well-formed XML: .*unexpected close tag/);
    expect(() =>
      guard(`<iati-activities version="2.03">\n<a>&nosuch;</a></iati-activities>`),
    ).toThrow(/^line 2: not well-formed XML: .*undefined entity/);
  });

  it("bounds a run of text however the chunks cut it, and only when it is over the limit", () => {
    // A run counts what follows a "<": here "narrative>" and the text after it.
    const limits = { ...defaultXmlLimits, maxTextRun: 50 };
    const doc = (text: string) =>
      `<iati-activities version="2.03"><iati-activity><iati-identifier>XM-1</iati-identifier><title><narrative>${text}</narrative></title></iati-activity></iati-activities>`;
    // Chunks smaller than, around and larger than the limit; runs that start in one chunk and
    // end in another, at the limit exactly and one over it.
    for (const size of [7, 39, 40, 41, 64, 1000]) {
      const items = guard(doc("x".repeat(40)), size, limits);
      expect(items.map((item) => item.kind)).toEqual(["header", "activity"]);
      expect(() => guard(doc("x".repeat(41)), size, limits)).toThrow(
        /^line 1: the text of <narrative> is longer than/,
      );
    }
    // A tag's attributes count as a run too ("x a=", the value, the quotes, "/>").
    expect(() => guard(doc(`<x a="${"y".repeat(50)}"/>`), 1000, limits)).toThrow(
      /^line 1: the tag <x> \(its attributes\) is longer than/,
    );
  });

  it("keeps every element's and attribute's name, also past the names it shares", () => {
    // More distinct names than the guard keeps one copy of: the later ones are their own.
    const names = Array.from({ length: 2100 }, (_, i) => `x-${i}`);
    const body = names.map((name) => `<${name} ${name}-a="${name}"/>`).join("");
    const items = guard(
      `<iati-activities version="2.03"><iati-activity><iati-identifier>XM-1</iati-identifier>${body}</iati-activity></iati-activities>`,
      4096,
      { ...defaultXmlLimits, maxActivityElements: 5000 },
    );
    const node = items[1]?.kind === "activity" ? items[1].node : null;
    const children = node?.children.slice(1) ?? [];
    expect(children.map((child) => child.name)).toEqual(names);
    expect(children.map((child) => child.attrs[`${child.name}-a`])).toEqual(names);
    expect(node?.children[0]?.name).toBe("iati-identifier");
  });

  it("keeps an attribute named like an object's own properties as an attribute", () => {
    const items = guard(
      `<iati-activities version="2.03"><iati-activity __proto__="a" constructor="b"><iati-identifier>XM-1</iati-identifier></iati-activity></iati-activities>`,
    );
    const node = items[1]?.kind === "activity" ? items[1].node : null;
    expect(node && Object.entries(node.attrs)).toEqual([
      ["__proto__", "a"],
      ["constructor", "b"],
    ]);
    expect(Object.getPrototypeOf(node?.attrs)).toBe(Object.prototype);
  });
});
