/**
 * The SARIF 2.1.0 schema as Microsoft publishes it on npm (@microsoft/jest-sarif ships
 * sarif-2.1.0-rtm.5.json, the schema of the 2.1.0 release; a JSON Schema draft-04), compiled by
 * Ajv (ajv-draft-04, with ajv-formats for the `uri` and `date-time` formats).
 */
import * as fs from 'fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf-8'));
// unicodeRegExp off: the schema's language pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not valid with the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about a SARIF text (empty when it is valid). */
export function sarifErrors(text: string): string[] {
  const log = JSON.parse(text);
  return validate(log) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
}
