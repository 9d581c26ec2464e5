import { describe, expect, it } from "vitest";
import type { IatiStreamItem } from "./read-iati-stream.ts";
import { XmlGuard } from "./xml-guard.ts";
import { defaultXmlLimits } from "./xml-limits.ts";

/** Feeds a document in chunks of `size` characters and returns what the guard yields. */
function guard(xml: string, size = 7): IatiStreamItem[] {
  const g = new XmlGuard(defaultXmlLimits);
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
});
