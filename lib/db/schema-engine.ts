// Prisma's schema engine, WebAssembly build: computes migration SQL with no native binary and no
// network. The package's ESM entry imports a .wasm file, which Node refuses, so we instantiate the
// module ourselves with the package's own glue code.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;

function instantiate(): Promise<void> {
  ready ??= (async () => {
    const pkg = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bytes = await readFile(path.join(pkg, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    (glue as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return ready;
}

/**
 * An engine whose database (and shadow database) is an in-memory PGlite, so that replaying
 * committed migrations for a diff never touches a real server.
 */
export async function openSchemaEngine(datamodel: { path: string; content: string }): Promise<SchemaEngine> {
  await instantiate();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(new PGlite()));
  const Engine = (glue as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  const log = () => {};
  return Engine.new({ datamodels: [[datamodel.path, datamodel.content]] }, log, factory);
}
