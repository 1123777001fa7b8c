// Text that other people read (names, titles, file names) must look like what it is. Unicode
// direction controls reorder what follows them, so "invoice\u202Efdp.exe" shows as
// "invoiceexe.pdf"; control characters are invisible or break layouts. Both are refused where the
// text is entered. Pure: used by the browser as well as the server.

/** Bidirectional controls: embeddings, overrides and isolates, and the invisible direction marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** C0 controls, DEL and C1 controls. */

const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
/** The same less tab and line breaks (browsers send a textarea's line breaks as CR LF). */

const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Half of a surrogate pair on its own is not a character, and encodeURIComponent throws on it. */
const isLoneSurrogate = (piece: string) =>
  piece.length === 1 && piece.charCodeAt(0) >= 0xd800 && piece.charCodeAt(0) <= 0xdfff;
// Array.from splits by code point, so a whole pair is one piece and a lone half is one unit.
const hasLoneSurrogate = (text: string) => /[\uD800-\uDFFF]/.test(text) && Array.from(text).some(isLoneSurrogate);

const codePoint = (match: RegExpExecArray) =>
  `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export type DisplayTextOptions = {
  /** Tabs and line breaks are allowed (descriptions); otherwise they are refused too. */
  multiline?: boolean;
  /** What the message calls the text, plural: "File names", "Titles". */
  subject?: string;
};

/** Why the text could mislead or break a page when shown, or null. */
export function displayTextProblem(text: string, options: DisplayTextOptions = {}): string | null {
  const subject = options.subject ?? "Text";
  let found = BIDI_CONTROLS.exec(text);
  if (found) {
    return `${subject} cannot contain hidden characters that change the direction of text (here ${codePoint(found)}), because they can make text look like something else.`;
  }
  found = (options.multiline ? CONTROLS_BUT_LAYOUT : CONTROLS).exec(text);
  if (found) {
    return options.multiline
      ? `${subject} cannot contain control characters other than tabs and line breaks (here ${codePoint(found)}).`
      : `${subject} cannot contain control characters, tabs or line breaks (here ${codePoint(found)}).`;
  }
  if (hasLoneSurrogate(text)) return `${subject} cannot contain broken (unpaired) Unicode characters.`;
  return null;
}

/** The text less the characters displayTextProblem refuses: for showing names stored before the rule. */
export function withoutUnsafeCharacters(text: string): string {
  const all = (pattern: RegExp) => new RegExp(pattern.source, "g");
  const cleaned = text.replace(all(BIDI_CONTROLS), "").replace(all(CONTROLS), "");
  return hasLoneSurrogate(cleaned)
    ? Array.from(cleaned)
        .filter((piece) => !isLoneSurrogate(piece))
        .join("")
    : cleaned;
}
