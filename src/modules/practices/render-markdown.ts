import MarkdownIt from "markdown-it";

/** The link targets a practice's body may use: the web and addresses on this site. */
const SAFE_LINK = /^(https?:\/\/|\/(?!\/)|#)/i;

/**
 * Markdown without HTML: `html: false` writes any tag in the source (`<script>`,
 * `<img onerror=…>`) as text, and validateLink turns a link to anything but http(s), a path
 * on this site or an anchor (`javascript:`, `data:`, `vbscript:`…) into plain text. Images
 * are off: a public page loads nothing from an address a writer chose.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.disable(["image"]);
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  if (token && /^https?:/i.test(String(token.attrGet("href") ?? ""))) {
    token.attrSet("rel", "noopener noreferrer nofollow");
  }
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderPracticeBody(body: string): string {
  return markdown.render(body);
}

/**
 * The links of a body that rendering would drop, with their line: a writer is told which
 * to fix instead of seeing them vanish. "[x](javascript:alert(1))" on line 3 →
 * [{ line: 3, url: "javascript:alert(1)" }].
 */
export function unsafeLinks(body: string): { line: number; url: string }[] {
  const found: { line: number; url: string }[] = [];
  body.split(/\r?\n/).forEach((text, index) => {
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)/g)) {
      const url = match[1] ?? "";
      if (!SAFE_LINK.test(url)) found.push({ line: index + 1, url });
    }
  });
  return found;
}
