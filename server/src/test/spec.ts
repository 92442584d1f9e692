import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { repoRoot } from './spawn.ts';

// The amoCRM v4 reference (../shared/reference) is the shape our /api/v4 answers must have.
const specFile = path.resolve(repoRoot, '../shared/reference/amocrm-v4-openapi.yaml');

const schemaNode = z.record(z.string(), z.unknown());
const specShape = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});
const operationShape = z.object({
  responses: z.record(
    z.string(),
    z.object({ content: z.record(z.string(), z.object({ schema: schemaNode })).optional() }),
  ),
});

let cached: { ajv: Ajv2020; spec: z.infer<typeof specShape> } | undefined;

function load() {
  if (cached) return cached;
  const raw = readFileSync(specFile, 'utf8').replaceAll('#/components/schemas/', 'amo#/components/schemas/');
  const spec = specShape.parse(parse(raw));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const f of ['int32', 'int64', 'double', 'float', 'date-time', 'uri', 'email', 'uuid'])
    ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'amo', components: spec.components });
  cached = { ajv, spec };
  return cached;
}

/** The success schema of an operation, without the `anyOf [..., Problem]` wrapper. */
function successSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const anyOf = schema.anyOf;
  if (!Array.isArray(anyOf)) return schema;
  const branch = anyOf.find(
    (s) => schemaNode.safeParse(s).success && JSON.stringify(s).indexOf('/Problem') === -1,
  );
  return schemaNode.parse(branch ?? schema);
}

/**
 * Throws unless `body` matches the reference spec's success schema for the operation,
 * e.g. `assertMatchesSpec('get', '/api/v4/leads/{id}', 200, body)`.
 */
export function assertMatchesSpec(method: string, specPath: string, status: number, body: unknown): void {
  const { ajv, spec } = load();
  const pathItem = spec.paths[specPath];
  if (!pathItem) throw new Error(`reference spec has no path ${specPath}`);
  const operation = operationShape.parse(pathItem[method.toLowerCase()]);
  const response = operation.responses[String(status)];
  const content = response?.content?.['application/hal+json'] ?? response?.content?.['application/json'];
  if (!content) throw new Error(`reference spec has no ${status} body for ${method} ${specPath}`);
  const validate = ajv.compile(successSchema(content.schema));
  if (!validate(body)) {
    throw new Error(`${method} ${specPath} body does not match the spec: ${ajv.errorsText(validate.errors)}`);
  }
}
