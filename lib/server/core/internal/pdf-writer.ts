import "server-only";
// Plain text down A4 pages for the printable summaries (pdf-lib's standard fonts).
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

/** Lines down A4 pages, wrapped to the width, with a new page when one is full. */
export class Writer {
  private page: PDFPage;
  private y = 0;
  constructor(
    private doc: PDFDocument,
    private font: PDFFont,
    private bold: PDFFont,
  ) {
    this.page = this.newPage();
  }
  private newPage() {
    const page = this.doc.addPage([595.28, 841.89]);
    this.y = 800;
    return page;
  }
  gap() {
    this.y -= 8;
  }
  /** Writes text wrapped to the width; its own line breaks start new lines. */
  line(text: string, options: { bold?: boolean; size?: number } = {}) {
    for (const paragraph of text.split(/\r\n|\r|\n/)) this.paragraph(paragraph, options);
  }
  private paragraph(text: string, options: { bold?: boolean; size?: number }) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.font;
    // The standard fonts cover WinAnsi: Latin-1 plus typographic quotes, dashes, the ellipsis and
    // the euro sign. Anything else is shown as "?".
    const safe = text.replace(/[^\x20-\x7e\xa0-\xff\u2018-\u201d\u2013\u2014\u2026\u20ac]/g, "?");
    const words = safe.split(" ");
    let current = "";
    const lines: string[] = [];
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > 515 && current) {
        lines.push(current);
        current = word;
      } else current = next;
    }
    lines.push(current);
    for (const l of lines) {
      if (this.y < 50) this.page = this.newPage();
      if (l) this.page.drawText(l, { x: 40, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= size + 4;
    }
  }
}
