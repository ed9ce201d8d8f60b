// Checks a GitHub Actions workflow with GitHub's own parser and its workflow schema
// (@actions/workflow-parser, what the Actions language server uses); prints the errors as JSON.
import { register } from 'node:module';
import * as fs from 'node:fs';

register('./json-hooks.mjs', import.meta.url);
const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');
const result = parseWorkflow({ name: 'workflow.yml', content: fs.readFileSync(process.argv[2], 'utf-8') }, new NoOperationTraceWriter());
console.log(JSON.stringify(result.context.errors.getErrors().map(e => e.message)));
