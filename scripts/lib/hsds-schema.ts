/**
 * Validates HSDS tables against the official HSDS 3.0 JSON schemas vendored in
 * vendor/hsds-3.0/ (see its README). The schemas declare no $schema; HSDS 3.0's OpenAPI
 * file names JSON Schema 2020-12 as their dialect, so Ajv's 2020-12 validator is used.
 * `strict: false`: the schemas carry HSDS's own keywords (name, constraints, example,
 * core, datapackage_metadata …), which JSON Schema ignores.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const HSDS_SCHEMA_DIR = path.resolve(import.meta.dirname, '../../vendor/hsds-3.0/schema');

/** Which schema each published table's rows follow. */
export const HSDS_TABLE_SCHEMAS = {
  organizations: 'organization.json',
  organization_identifiers: 'organization_identifier.json',
  services: 'service.json',
  locations: 'location.json',
  addresses: 'address.json',
  phones: 'phone.json',
  service_at_locations: 'service_at_location.json',
  service_areas: 'service_area.json',
  schedules: 'schedule.json',
} as const;
export type HsdsTableName = keyof typeof HSDS_TABLE_SCHEMAS;

// ajv-formats is CommonJS; its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

let validators: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // Each file under its own name, so the schemas' relative $refs ("language.json") resolve.
  for (const file of readdirSync(HSDS_SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(HSDS_SCHEMA_DIR, file), 'utf8')) as object, file);
  }
  validators = new Map(Object.values(HSDS_TABLE_SCHEMAS).map((file) => [file, ajv.getSchema(file) as ValidateFunction]));
  return validators;
}

/** Every schema error of every row of a table, one line each ("services[3]/name: must be string"). */
export function hsdsTableErrors(table: HsdsTableName, rows: readonly unknown[]): string[] {
  const validate = load().get(HSDS_TABLE_SCHEMAS[table]);
  if (!validate) throw new Error(`no HSDS schema for ${table}`);
  return rows.flatMap((row, i) =>
    validate(row)
      ? []
      : (validate.errors ?? []).map(
          (e: ErrorObject) =>
            `${table}[${i}]${e.instancePath}: ${e.message ?? 'invalid'}${e.params && 'missingProperty' in e.params ? ` (${String(e.params['missingProperty'])})` : ''}`,
        ),
  );
}
