/**
 * `npm run grammars`: writes syntaxes/<language>.tmLanguage.json from the catalog
 * (server/src/catalog/grammar.ts). Run it after changing a keyword; the grammar unit test
 * fails until the files are regenerated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildGrammars, grammarFileName, grammarJson } from '../server/src/catalog/grammar';

// Compiled to out/scripts/, two levels below the repository root.
const repoRoot = path.resolve(__dirname, '../..');
const syntaxesDir = path.join(repoRoot, 'syntaxes');

fs.mkdirSync(syntaxesDir, { recursive: true });
for (const [language, grammar] of buildGrammars()) {
  const file = path.join(syntaxesDir, grammarFileName(language));
  const text = grammarJson(grammar);
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (previous === text) {
    console.log(`unchanged  ${path.relative(repoRoot, file)}`);
  } else {
    fs.writeFileSync(file, text);
    console.log(`${previous === undefined ? 'created   ' : 'updated   '} ${path.relative(repoRoot, file)}`);
  }
}
