/** Reads a fleet inventory's files: one file (all documents in it) or every YAML/JSON file below a folder. */
import { PlanInputError } from '../plan/types';
import { ReadBudget, readTextFiles, TextFile } from './files';

/**
 * The inventory files at `target` as `{ path, content }` entries for parseInventory, sorted by
 * path; `budget` bounds each file and the total as for manifests (see ReadBudget). A folder
 * without any `.yaml`, `.yml` or `.json` file is an error: an inventory of nothing is a wrong path.
 */
export function readInventoryPath(target: string, budget = new ReadBudget()): TextFile[] {
  const files = readTextFiles(target, budget);
  if (files.length === 0) throw new PlanInputError(`${target}: no inventory files (.yaml, .yml or .json) found`);
  return files;
}
