/** Builds the shipped catalogue files from the handbook texts in prisma/catalogue/sources. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Suite } from "../../domain/catalogue/spec";
import { buildCg3412 } from "./cg-3412";
import { buildEdexcel, buildOcr } from "./unit-value";

export const CATALOGUE_DIR = path.join(process.cwd(), "prisma", "catalogue");

export const SHIPPED_FILES = ["cg-3412.json", "ocr-cco.json", "edexcel-cco.json"] as const;

export function buildShippedSuites(dir = CATALOGUE_DIR): Record<(typeof SHIPPED_FILES)[number], Suite> {
  const source = (name: string) => readFileSync(path.join(dir, "sources", name), "utf8");
  return {
    "cg-3412.json": buildCg3412(source("cg-3412-handbook-v3.0.txt"), source("cg-3412-imported-units-v1.1.txt")),
    "ocr-cco.json": buildOcr(source("ocr-03447-03451-centre-guide.txt")),
    "edexcel-cco.json": buildEdexcel(source("candidate-guide.txt")),
  };
}
