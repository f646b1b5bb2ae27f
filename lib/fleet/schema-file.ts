/** The text of schema/inventory.schema.json (the providers registered, as the package root registers them). */
import '../providers';
import { inventorySchema } from './schema';

/** The committed schema file's exact text: two-space JSON and a final newline. */
export function inventorySchemaText(): string {
  return `${JSON.stringify(inventorySchema(), null, 2)}\n`;
}
