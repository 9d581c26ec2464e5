import { SaxesParser, type SaxesTagPlain } from "saxes";
import { AppError } from "../../../platform/errors.ts";
import type { IatiStreamItem } from "./read-iati-stream.ts";
import { describeSize, type XmlLimits, xmlRefused } from "./xml-limits.ts";
import type { XmlNode } from "./xml-node.ts";

const SUPPORTED = new Set(["2.01", "2.02", "2.03"]);
const MAX_INTERNED = 2000;

/**
 * The saxes parser with IATI's limits around it. Text is fed as it is decoded; every limit is
 * checked on the event that would exceed it, so a hostile file is refused after at most one
 * limit's worth of work and memory.
 */
export class XmlGuard {
  private readonly parser = new SaxesParser({ position: true });
  private readonly open: Array<{ name: string; line: number }> = [];
  private readonly items: IatiStreamItem[] = [];
  private activity: XmlNode[] = [];
  private activityElements = 0;
  private elements = 0;
  private attributes = 0;
  private inTag = false;
  private textRun = 0;
  private sawRoot = false;
  /** Where the root's last child ended, when it was an <iati-activity>; else null. */
  private activityEnd: number | null = null;
  private splitBefore: number | null = null;
  /** Element and attribute names seen so far, each as one shared string (see intern). */
  private readonly names = new Map<string, string>();
  /**
   * The attributes of an activity's element as they come: a plain object keyed by shared
   * names, where saxes's own is a dictionary-mode object keyed by slices of the text, slow to
   * read for the activity's reader, which looks up every attribute. Null outside activities.
   */
  private attrs: Record<string, string> | null = null;

  constructor(private readonly limits: XmlLimits) {
    // At most seven handlers: saxes stores each one as a new property of the parser, and an
    // eighth turns the parser into a slow dictionary-mode object in V8 (four times slower on
    // every character). Hence no "error" handler (errors are caught where saxes throws them),
    // no "xmldecl" one (the declaration is checked at the root) and no processing instructions.
    const p = this.parser;
    // saxes reports a DOCTYPE once it has read it whole: the line where it starts is that many
    // newlines back.
    p.on("doctype", (doctype) =>
      this.fail(
        "a DOCTYPE declaration: document types and entities are refused (they can expand without bound or read local files)",
        this.parser.line - (doctype.match(/\n/g)?.length ?? 0),
      ),
    );
    p.on("opentagstart", (tag) => this.onOpenStart(tag.name));
    p.on("attribute", (attribute) => {
      if (++this.attributes > limits.maxAttributes)
        this.fail(`<${this.top()}> has more than ${limits.maxAttributes} attributes`);
      if (attribute.value.length > limits.maxAttributeLength)
        this.fail(
          `attribute ${attribute.name} of <${this.top()}> is longer than ${describeSize(limits.maxAttributeLength)}`,
        );
      if (this.attrs) this.keepAttribute(this.attrs, attribute.name, attribute.value);
    });
    p.on("opentag", (tag) => this.onOpen(tag as SaxesTagPlain));
    p.on("text", (text) => this.onText(text));
    p.on("cdata", (text) => this.onText(text));
    p.on("closetag", () => this.onClose());
  }

  get line(): number {
    return this.parser.line;
  }

  feed(text: string) {
    // A run of characters without "<" is one text node or one tag: bound it before saxes
    // buffers it, feeding up to the limit so that the message can say which of the two it is.
    const max = this.limits.maxTextRun;
    const first = text.indexOf("<");
    if (first === -1 ? this.textRun + text.length <= max : this.textRun + first <= max) {
      // The usual chunk: the run it continues stays within the limit, and the runs inside it
      // are shorter than the chunk itself; only the run it ends with carries on.
      if (text.length <= max) {
        this.textRun =
          first === -1 ? this.textRun + text.length : text.length - 1 - text.lastIndexOf("<");
        this.write(text);
        return;
      }
    }
    let from = 0;
    for (;;) {
      const lt = text.indexOf("<", from);
      const end = lt === -1 ? text.length : lt;
      this.textRun += end - from;
      if (this.textRun > this.limits.maxTextRun) {
        this.write(text.slice(0, end - (this.textRun - this.limits.maxTextRun)));
        const what = this.inTag
          ? `the tag <${this.top()}> (its attributes)`
          : `the text of <${this.top()}>`;
        this.fail(`${what} is longer than ${describeSize(this.limits.maxTextRun)}`);
      }
      if (lt === -1) break;
      this.textRun = 0;
      from = lt + 1;
    }
    this.write(text);
  }

  end() {
    const last = this.open.at(-1);
    if (last)
      this.fail(
        `the file ends inside <${last.name}> (opened at line ${last.line}): it is truncated`,
      );
    if (!this.sawRoot) this.fail("not XML: there is no root element");
    this.write(null);
  }

  take(): IatiStreamItem[] {
    return this.items.splice(0);
  }

  /** Feeds saxes (null: the end); its well-formedness errors become refusals naming the line. */
  private write(text: string | null) {
    try {
      if (text === null) this.parser.close();
      else this.parser.write(text);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.fail(`not well-formed XML: ${message.replace(/^[^:]*:\d+:\d+: /, "")}`);
    }
  }

  private top(): string {
    return this.open.at(-1)?.name ?? "the document";
  }

  private fail(message: string, line = this.parser.line): never {
    throw xmlRefused(line, message);
  }

  private onOpenStart(name: string) {
    this.inTag = true;
    this.attributes = 0;
    if (this.open.length === 0) {
      if (this.sawRoot) this.fail(`a second root element <${name}>`);
      const encoding = this.parser.xmlDecl.encoding;
      // The XML declaration, when there is one, is the first thing on line 1.
      if (encoding && !/^utf-?8$/i.test(encoding))
        this.fail(
          `wrong encoding: the XML declaration says ${encoding}; IATI files must be UTF-8`,
          1,
        );
      if (name === "iati-organisations")
        this.fail(
          "this is an IATI organisation file (<iati-organisations>); import expects an activity file (<iati-activities>)",
        );
      if (name !== "iati-activities")
        this.fail(
          `the root element is <${name}>; an IATI activity file starts with <iati-activities>`,
        );
      this.sawRoot = true;
    }
    this.open.push({ name, line: this.parser.line });
    this.attrs =
      this.activity.length > 0 || (this.open.length === 2 && name === "iati-activity") ? {} : null;
    if (this.open.length > this.limits.maxDepth)
      this.fail(`elements are nested more than ${this.limits.maxDepth} levels deep`);
    if (++this.elements > this.limits.maxElements)
      this.fail(`the file has more than ${this.limits.maxElements} elements`);
  }

  private onOpen(tag: SaxesTagPlain) {
    this.inTag = false;
    const depth = this.open.length;
    if (depth === 1) return this.onRoot(tag.attributes);
    if (depth === 2) this.splitBefore = tag.name === "iati-activity" ? this.activityEnd : null;
    const inActivity = this.activity.length > 0;
    if (!inActivity && !(depth === 2 && tag.name === "iati-activity")) return;
    if (++this.activityElements > this.limits.maxActivityElements)
      this.fail(`one <iati-activity> has more than ${this.limits.maxActivityElements} elements`);
    const node: XmlNode = {
      name: this.intern(tag.name),
      attrs: this.attrs ?? {},
      children: [],
      text: "",
      line: this.open.at(-1)?.line ?? this.parser.line,
    };
    this.activity.at(-1)?.children.push(node);
    this.activity.push(node);
  }

  /**
   * The one string for a name: names come from saxes as slices of the text, so comparing them
   * (the reader's switch on element names) and looking them up compares characters every time,
   * where a property key's string compares by identity. Bounded: a file of endless distinct
   * names keeps its own strings.
   */
  private intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    if (this.names.size >= MAX_INTERNED) return name;
    // A property key is V8's one internalized copy of a string.
    const shared = Object.keys({ [name]: true })[0] ?? name;
    this.names.set(shared, shared);
    return shared;
  }

  private keepAttribute(attrs: Record<string, string>, name: string, value: string) {
    // "__proto__" would set the object's prototype instead of being kept.
    if (name === "__proto__")
      Object.defineProperty(attrs, name, { value, enumerable: true, writable: true });
    else attrs[this.intern(name)] = value;
  }

  private onRoot(attrs: Record<string, string>) {
    const version = attrs.version;
    if (!version)
      this.fail("<iati-activities> has no version attribute; versions 2.01 to 2.03 are supported");
    if (!SUPPORTED.has(version))
      this.fail(
        `IATI version ${version} is not supported; publish (or convert) the file as version 2.01, 2.02 or 2.03`,
      );
    this.items.push({
      kind: "header",
      header: { version, generatedDatetime: attrs["generated-datetime"] ?? null, attrs },
      rootTagEnd: this.parser.position,
    });
  }

  private onText(text: string) {
    const node = this.activity.at(-1);
    // Indentation between elements says nothing; only leaves' text is read (and trimmed).
    if (node && (node.text !== "" || /\S/.test(text))) node.text += text;
  }

  private onClose() {
    const closed = this.open.pop();
    if (this.open.length === 1)
      this.activityEnd = closed?.name === "iati-activity" ? this.parser.position : null;
    const node = this.activity.pop();
    if (node && this.activity.length === 0) {
      this.activityElements = 0;
      this.items.push({
        kind: "activity",
        node,
        endLine: this.parser.line,
        splitBefore: this.splitBefore,
      });
    }
  }
}
