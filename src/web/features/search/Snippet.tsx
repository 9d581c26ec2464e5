import type { Snippet as SnippetPieces } from "../../../contracts/search.ts";

/**
 * A search snippet: the pieces are plain text (React escapes them), the matching ones in
 * <mark>. The API sends no markup, so a record's text can never become HTML here.
 */
export function Snippet({ pieces, lang }: { pieces: SnippetPieces; lang?: string | undefined }) {
  return (
    <span lang={lang}>
      {pieces.map((piece, index) =>
        piece.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity but their place
          <mark key={index}>{piece.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity but their place
          <span key={index}>{piece.text}</span>
        ),
      )}
    </span>
  );
}
