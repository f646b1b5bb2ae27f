/**
 * Writes schema/inventory.schema.json, the editor schema of fleet inventory files, from the
 * shapes the inventory checks use (lib/fleet/schema.ts).
 *
 *   npm run schema              rewrites the file
 *   npm run schema -- --check   fails (exit 1) when the committed file is stale
 */
import * as fs from 'fs';
import * as path from 'path';
import { inventorySchemaText } from '../lib/fleet/schema-file';

const FILE = path.resolve(__dirname, '../schema/inventory.schema.json');
const text = inventorySchemaText();
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
  if (committed !== text) {
    process.stderr.write(`schema: ${path.relative(process.cwd(), FILE)} is stale: run npm run schema and commit it\n`);
    process.exit(1);
  }
  process.stdout.write('schema: up to date\n');
} else {
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  fs.writeFileSync(FILE, text);
  process.stdout.write(`schema: wrote ${path.relative(process.cwd(), FILE)}\n`);
}
