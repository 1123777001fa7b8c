/**
 * Parses a specification file and reports every problem with the line and
 * column it is on, so an administrator can find it in their editor.
 */
import "../validation/messages";
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { z } from "zod";
import { SPEC_FORMAT, SPEC_FORMAT_VERSION, suiteSchema, type Suite } from "../domain/catalogue/spec";

/** Checked first, so a file of another kind gets one clear message rather than dozens. */
const headerSchema = z.looseObject({
  format: z.literal(SPEC_FORMAT, { error: `"format" must be "${SPEC_FORMAT}"` }),
  formatVersion: z.literal(SPEC_FORMAT_VERSION, { error: `This product reads format version ${SPEC_FORMAT_VERSION}` }),
  scheme: z.enum(["credit", "unitValue"], { error: '"scheme" must be "credit" or "unitValue"' }),
});

export type SpecProblem = { line: number; column: number; path: string; message: string };
export type ParsedSpec = { ok: true; suite: Suite } | { ok: false; problems: SpecProblem[] };

/** Largest specification file accepted (the whole 3412 suite is about 250 KB). */
export const MAX_SPEC_BYTES = 5 * 1024 * 1024;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: "Unexpected character",
  InvalidNumberFormat: "Badly written number",
  PropertyNameExpected: "Expected a property name in double quotes",
  ValueExpected: "Expected a value",
  ColonExpected: "Expected a colon",
  CommaExpected: "Expected a comma",
  CloseBraceExpected: "Expected a closing }",
  CloseBracketExpected: "Expected a closing ]",
  EndOfFileExpected: "Unexpected text after the end of the document",
  InvalidCommentToken: "Comments are not allowed",
  UnexpectedEndOfComment: "Comments are not allowed",
  UnexpectedEndOfString: "A string is not closed",
  UnexpectedEndOfNumber: "A number is not finished",
  InvalidUnicode: "Invalid unicode escape",
  InvalidEscapeCharacter: "Invalid escape character",
  InvalidCharacter: "Invalid character in a string",
};

export function parseSpec(text: string): ParsedSpec {
  if (Buffer.byteLength(text, "utf8") > MAX_SPEC_BYTES) {
    return {
      ok: false,
      problems: [
        { line: 1, column: 1, path: "", message: `The file is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MB` },
      ],
    };
  }
  const starts = lineStarts(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !tree) {
    if (!errors.length)
      return { ok: false, problems: [{ line: 1, column: 1, path: "", message: "The file is empty" }] };
    return {
      ok: false,
      problems: errors.slice(0, 20).map((e) => ({
        ...position(starts, e.offset),
        path: "",
        message: PARSE_MESSAGES[printParseErrorCode(e.error)] ?? "The file is not valid JSON",
      })),
    };
  }
  const value = JSON.parse(text) as unknown;
  const header = headerSchema.safeParse(value);
  const result = header.success ? suiteSchema.safeParse(value) : header;
  if (result.success) return { ok: true, suite: result.data };
  return {
    ok: false,
    problems: result.error.issues.slice(0, 50).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const node = nearestNode(tree, path);
      return {
        ...position(starts, node.offset),
        path: path.join("."),
        message: issue.message,
      };
    }),
  };
}

/** The deepest node that exists on the issue's path (a missing property points at its object). */
function nearestNode(tree: Node, path: (string | number)[]): Node {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (node) return node.parent?.type === "property" && node.parent.children?.[1] === node ? node.parent : node;
  }
  return tree;
}

export function formatProblems(problems: readonly SpecProblem[]): string[] {
  return problems.map((p) => `line ${p.line}, column ${p.column}${p.path ? ` (${p.path})` : ""}: ${p.message}`);
}
