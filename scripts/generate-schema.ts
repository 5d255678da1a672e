/**
 * `npm run schema`: writes schemas/ipmp-lint.schema.json (the JSON schema of .ipmp-lint.json,
 * contributed to VS Code by package.json `jsonValidation`) from the rule registry. Run it
 * after adding a rule; the project-file unit test fails until the file is regenerated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectConfigSchemaJson } from '../server/src/features/projectConfig';

// Compiled to out/scripts/, two levels below the repository root.
const repoRoot = path.resolve(__dirname, '../..');
const file = path.join(repoRoot, 'schemas', 'ipmp-lint.schema.json');
const text = projectConfigSchemaJson();
const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
fs.mkdirSync(path.dirname(file), { recursive: true });
if (previous === text) console.log(`unchanged  ${path.relative(repoRoot, file)}`);
else {
  fs.writeFileSync(file, text);
  console.log(`${previous === undefined ? 'created   ' : 'updated   '} ${path.relative(repoRoot, file)}`);
}
