// Every reader of the outside world: manifest files and folders, git revisions, the live
// management cluster. Shared by `plan` and `status`; only the CLI and the engines use it.
export { parseManifests, ReadBudget, readManifestPath, readTextFiles } from './files';
export type { ReadBudgetOptions, TextFile } from './files';
export { readInventoryPath } from './inventory';
export { readGitManifests, readGitTextFiles } from './git';
export { METADATA_ONLY_ACCEPT, readLiveManifests, readManagementObjects } from './live';
export type { LiveReadOptions, LiveReadResult, ManagementReadOptions, ManagementReadResult } from './live';
export { writeLayout } from './layout';
export type { WriteLayoutResult } from './layout';
