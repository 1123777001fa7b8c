import "server-only";
// Plain text down A4 pages for the printable summaries (pdf-lib's standard fonts).
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

/** Lines down A4 pages, wrapped to the width, with a new page when one is full. */
export class Writer {
  private page: PDFPage;
  private y = 0;
  constructor(private doc: PDFDocument, private font: PDFFont, private bold: PDFFont) {
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
  line(text: string, options: { bold?: boolean; size?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.font;
    // The standard fonts cover Latin-1 (WinAnsi): anything else is shown as "?".
    const safe = text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
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
    if (current) lines.push(current);
    for (const l of lines) {
      if (this.y < 50) this.page = this.newPage();
      this.page.drawText(l, { x: 40, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= size + 4;
    }
  }
}
