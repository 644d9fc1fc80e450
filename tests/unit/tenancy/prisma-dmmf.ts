import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The Prisma DMMF (the parsed data model: fields, keys, relations with their foreign-key
 * fields) of a schema, from the same prisma-schema WASM module the installed `prisma` CLI uses
 * for `prisma generate`. Prisma 7's generated client keeps only a reduced model (no keys, no
 * relation fields), and @prisma/internals is not a dependency, so this calls the module's
 * `get_dmmf` export directly with the few wasm-bindgen imports it needs. If a Prisma upgrade
 * changes those imports, instantiation fails loudly here (the tests then fail, never pass).
 */

export interface DmmfField {
  name: string;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
}

export interface DmmfModel {
  name: string;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}

export interface Datamodel {
  models: DmmfModel[];
}

interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_start(): void;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __wbindgen_externrefs: WebAssembly.Table;
  __externref_table_dealloc(index: number): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

let wasm: SchemaWasm | null = null;

function loadWasm(): SchemaWasm {
  if (wasm) return wasm;
  const require = createRequire(import.meta.url);
  const file = require.resolve("prisma/package.json").replace(/package\.json$/, "build/prisma_schema_build_bg.wasm");
  const decoder = new TextDecoder();
  const text = (ptr: number, len: number) => decoder.decode(new Uint8Array(instance.memory.buffer).subarray(ptr >>> 0, (ptr >>> 0) + len));
  const compiled = new WebAssembly.Module(readFileSync(file));
  const bindgen: Record<string, (...args: number[]) => unknown> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(compiled)) {
    if (from !== "__wbindgen_placeholder__") throw new Error(`unexpected wasm import ${from}.${name}`);
    if (name.startsWith("__wbg_Error_")) bindgen[name] = (ptr, len) => new Error(text(ptr, len));
    else if (name.startsWith("__wbg___wbindgen_throw_"))
      bindgen[name] = (ptr, len) => {
        throw new Error(text(ptr, len));
      };
    else if (name.startsWith("__wbg_set_message_"))
      bindgen[name] = () => undefined; // panic message hook
    else if (name === "__wbindgen_init_externref_table") {
      bindgen[name] = () => {
        const table = instance.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        [undefined, null, true, false].forEach((value, i) => table.set(base + i, value));
      };
    } else throw new Error(`unexpected wasm import ${name}: the prisma-schema module changed, update prisma-dmmf.ts`);
  }
  const instance = new WebAssembly.Instance(compiled, { __wbindgen_placeholder__: bindgen }).exports as unknown as SchemaWasm;
  instance.__wbindgen_start();
  wasm = instance;
  return instance;
}

/** Parses and validates the schema files ([name, text] pairs); throws Prisma's errors when invalid. */
export function getDatamodel(files: Array<[string, string]>): Datamodel {
  const w = loadWasm();
  const bytes = new TextEncoder().encode(JSON.stringify({ prismaSchema: files, noColor: true }));
  const ptr = w.__wbindgen_malloc(bytes.length, 1) >>> 0;
  new Uint8Array(w.memory.buffer).set(bytes, ptr);
  const [out, len, errorRef, failed] = w.get_dmmf(ptr, bytes.length);
  if (failed) {
    const error = w.__wbindgen_externrefs.get(errorRef) as Error;
    w.__externref_table_dealloc(errorRef);
    throw error;
  }
  try {
    const json = new TextDecoder().decode(new Uint8Array(w.memory.buffer).subarray(out >>> 0, (out >>> 0) + len));
    return (JSON.parse(json) as { datamodel: Datamodel }).datamodel;
  } finally {
    w.__wbindgen_free(out, len, 1);
  }
}
