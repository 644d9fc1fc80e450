import type { Datamodel, DmmfModel } from "./prisma-dmmf";

/**
 * The tenant-key rules of docs/scaling.md, checked on a Prisma data model:
 *  1. every model is either platform data (named in `platformModels`) or tenant-owned, and a
 *     tenant-owned model has a required `tenantId`;
 *  2. a tenant-owned model has tenantId in its primary key, or a unique (tenantId, <id>) key
 *     that foreign keys can reference;
 *  3. every foreign key from a tenant-owned model to another tenant-owned model is composite and
 *     pairs tenantId with tenantId, so a row can only point at its own tenant's rows;
 *  4. no platform model holds a foreign key into a tenant-owned model;
 *  5. every scalar column of a tenant-owned model named `<something>Id` (other than tenantId and
 *     the model's own id) is part of a relation, so the database checks what it points at, unless
 *     it is named in `notReferences` as "Model.column" (external ids, ids of platform rows, etc.).
 * Returns one readable line per violation (empty: the model keeps the rules).
 */
export function tenantKeyViolations(datamodel: Datamodel, platformModels: ReadonlySet<string>, notReferences: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const byName = new Map(datamodel.models.map((m) => [m.name, m]));
  const tenantOwned = (name: string) => byName.has(name) && !platformModels.has(name);

  for (const name of platformModels) {
    if (!byName.has(name)) problems.push(`${name}: listed as platform data but no such model exists`);
  }
  for (const entry of notReferences) {
    const [modelName, column] = entry.split(".");
    if (!byName.get(modelName ?? "")?.fields.some((f) => f.name === column)) problems.push(`${entry}: listed as not a reference but no such column exists`);
  }
  for (const model of datamodel.models) {
    const tenantId = model.fields.find((f) => f.name === "tenantId");
    if (platformModels.has(model.name)) {
      for (const fk of foreignKeys(model)) {
        if (tenantOwned(fk.target)) problems.push(`${model.name}.${fk.field}: platform model points at tenant-owned ${fk.target}`);
      }
      continue;
    }
    if (!tenantId || tenantId.kind !== "scalar" || !tenantId.isRequired) {
      problems.push(`${model.name}: has no required tenantId and is not listed as platform data`);
      continue;
    }
    if (!hasTenantKey(model)) {
      problems.push(`${model.name}: tenantId is in neither its primary key nor a unique (tenantId, id) key`);
    }
    for (const fk of foreignKeys(model)) {
      if (!tenantOwned(fk.target)) continue;
      const at = fk.from.indexOf("tenantId");
      if (at === -1 || fk.to[at] !== "tenantId") {
        problems.push(`${model.name}.${fk.field} -> ${fk.target}: foreign key (${fk.from.join(", ")}) is not composite on tenantId`);
      }
    }
    const inRelation = new Set(foreignKeys(model).flatMap((fk) => fk.from));
    for (const field of model.fields) {
      if (field.kind !== "scalar" || field.isId || field.name === "tenantId" || !/.Id$/.test(field.name)) continue;
      if (inRelation.has(field.name) || notReferences.has(`${model.name}.${field.name}`)) continue;
      problems.push(`${model.name}.${field.name}: looks like a reference but is in no foreign key (add a composite relation, or list it as not a reference)`);
    }
  }
  return problems;
}

/** The tenant-owned models: every model with a tenantId that is not platform data. */
export function tenantOwnedModels(datamodel: Datamodel, platformModels: ReadonlySet<string>): string[] {
  return datamodel.models.filter((m) => !platformModels.has(m.name) && m.fields.some((f) => f.name === "tenantId")).map((m) => m.name);
}

function hasTenantKey(model: DmmfModel): boolean {
  const idFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
  if (idFields.includes("tenantId")) return true;
  return model.uniqueFields.some((key) => key[0] === "tenantId" && idFields.length === 1 && key.length === 2 && key[1] === idFields[0]);
}

function foreignKeys(model: DmmfModel) {
  return model.fields
    .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
    .map((f) => ({ field: f.name, target: f.type, from: f.relationFromFields!, to: f.relationToFields ?? [] }));
}
