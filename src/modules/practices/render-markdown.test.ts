import { describe, expect, it } from "vitest";
import { renderPracticeBody, unsafeLinks } from "./render-markdown.ts";

describe("a practice's body as HTML", () => {
  it("writes tags and event handlers as text, never as markup", () => {
    const html = renderPracticeBody(
      'Antes <script>alert("x")</script> y <img src=x onerror="alert(1)"> después',
    );
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("drops links to javascript:, data: and vbscript:, keeps http(s) and site paths", () => {
    const html = renderPracticeBody(
      "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:x) [e](https://www.oas.org/) [f](/practices/x)",
    );
    expect(html).not.toMatch(/href="(javascript|data|vbscript)/i);
    expect(html).toContain(
      '<a href="https://www.oas.org/" rel="noopener noreferrer nofollow">e</a>',
    );
    expect(html).toContain('<a href="/practices/x">f</a>');
    expect(renderPracticeBody("![x](https://tracker.example/p.gif)")).not.toContain("<img");
  });

  it("names each unsafe link with its line", () => {
    expect(
      unsafeLinks("fine [ok](https://a.org)\n\n[bad](javascript:void)\n[also]( data:x)"),
    ).toEqual([
      { line: 3, url: "javascript:void" },
      { line: 4, url: "data:x" },
    ]);
  });
});
