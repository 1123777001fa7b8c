import { MAX_FILE_NAME_LENGTH } from "./limits";

/** Why a file name is refused, or null. Stored names are generated; this is about display. */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return "The file has no name.";
  if (name.length > MAX_FILE_NAME_LENGTH) return `File names are at most ${MAX_FILE_NAME_LENGTH} characters.`;
  if (/[/\\]/.test(name) || name.split(/[/\\]/).includes("..") || name.startsWith("."))
    return "File names cannot contain folder parts such as / or \\ or start with a dot.";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "File names cannot contain control characters.";
  return null;
}
