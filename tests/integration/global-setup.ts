import type { TestProject } from "vitest/node";
import { importShippedCatalogue } from "../../lib/catalogue/store";
import { withPrisma } from "../../lib/db/prisma-script";
import { createTestDatabase } from "../support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase("it", ".data/test-postgres");
  await withPrisma(database.url, importShippedCatalogue);
  project.provide("databaseUrl", database.url);
  project.provide("serverUrl", database.serverUrl);
  return () => database.drop();
}
