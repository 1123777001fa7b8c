// File names as people see them. Stored names are generated, so this is about display and about
// the name a download is saved under: it must read as what it is. Pure, so the browser can check
// a name before uploading.
import { displayTextProblem } from "../domain/text";
import { MAX_FILE_NAME_LENGTH } from "./limits";

export { extensionProblem } from "./extensions";

/** Why a file name is refused, or null. */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return "The file has no name.";
  if (name.length > MAX_FILE_NAME_LENGTH) return `File names are at most ${MAX_FILE_NAME_LENGTH} characters.`;
  // Direction controls disguise a name ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
  const unsafe = displayTextProblem(name, { subject: "File names" });
  if (unsafe) return unsafe;
  if (/[/\\]/.test(name) || name.split(/[/\\]/).includes("..") || name.startsWith("."))
    return "File names cannot contain folder parts such as / or \\ or start with a dot.";
  if (/[<>:"|?*]/.test(name)) return 'File names cannot contain any of these characters: < > : " | ? *';
  // Windows drops them when saving, so "fix.cmd." would become fix.cmd.
  if (/[. ]$/.test(name)) return "File names cannot end with a dot or a space.";
  return null;
}
