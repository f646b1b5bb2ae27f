// Every reader of the outside world: manifest files and folders, git revisions, the live
// management cluster. Shared by `plan` (and later `status`); only the CLI and the engines use it.
export { parseManifests, ReadBudget, readManifestPath, readTextFiles } from './files';
export type { ReadBudgetOptions, TextFile } from './files';
export { readInventoryPath } from './inventory';
export { readGitManifests, readGitTextFiles } from './git';
export { readLiveManifests } from './live';
export type { LiveReadOptions, LiveReadResult } from './live';
export { writeLayout } from './layout';
export type { WriteLayoutResult } from './layout';
